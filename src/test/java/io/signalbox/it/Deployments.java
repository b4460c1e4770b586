package io.signalbox.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one deployment recipe: the WAR the build produced, exactly as it ships. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("signalbox.war", "target/signalbox.war"));
        return ShrinkWrap.create(ZipImporter.class, "signalbox.war").importFrom(war).as(WebArchive.class);
    }
}
