package io.signalbox.it;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment recipe: the WAR the build produced, exactly as it ships, with a
 * {@code microprofile-config.properties} that trusts the test keys and adds the test's own lines.
 */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive war(String... configLines) {
        File war = new File(System.getProperty("signalbox.war", "target/signalbox.war"));
        List<String> config = new ArrayList<>(TestKeys.serverConfig());
        config.addAll(List.of(configLines));
        config.add("");
        return ShrinkWrap.create(ZipImporter.class, "signalbox.war").importFrom(war).as(WebArchive.class)
                .addAsResource(new StringAsset(String.join("\n", config)), "META-INF/microprofile-config.properties");
    }
}
