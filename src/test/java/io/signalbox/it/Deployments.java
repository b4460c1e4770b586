package io.signalbox.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment recipe: the WAR the build produced, exactly as it ships, with a
 * {@code microprofile-config.properties} that keeps the WAR's own, trusts the test keys and adds
 * the test's own lines.
 */
public final class Deployments {
    /** The WAR's own settings (its defaults beyond the code's), kept ahead of the test's lines. */
    private static final String SHIPPED_CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private Deployments() {
    }

    public static WebArchive war(String... configLines) {
        File war = new File(System.getProperty("signalbox.war", "target/signalbox.war"));
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "signalbox.war").importFrom(war).as(WebArchive.class);
        List<String> config = new ArrayList<>();
        Node shipped = archive.get(SHIPPED_CONFIG);
        if (shipped != null && shipped.getAsset() != null) {
            try (InputStream in = shipped.getAsset().openStream()) {
                config.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        config.addAll(TestKeys.serverConfig());
        config.addAll(List.of(configLines));
        config.add("");
        return archive.addAsResource(new StringAsset(String.join("\n", config)), "META-INF/microprofile-config.properties");
    }
}
