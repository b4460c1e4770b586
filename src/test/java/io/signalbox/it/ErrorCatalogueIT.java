package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ErrorCatalogueIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void restListsEveryDefinitionWithItsMessageAndSide() {
        JsonArray catalogue = Json.createReader(new java.io.StringReader(Server.request("GET", "/rest/v2/errors", null, null).body())).readArray();
        assertEquals(ErrorDefinition.values().length, catalogue.size());
        for (int i = 0; i < catalogue.size(); i++) {
            JsonObject row = catalogue.getJsonObject(i);
            ErrorDefinition d = ErrorDefinition.values()[i];
            assertEquals(d.wireName(), row.getString("definition"));
            assertEquals(d.message(), row.getString("message"));
            assertEquals(d.side().name().toLowerCase(Locale.ROOT), row.getString("side"));
        }
    }

    @Test
    void theLandingPageIsServedAtTheRoot() {
        var page = Server.get("/");
        assertEquals(200, page.statusCode());
        assertEquals(true, page.body().contains("Signalbox"));
    }

    /** Every page names its icon, and the icon a browser asks for without reading the page is there too: no 404 in the log. */
    @Test
    void everyPageNamesAnIconThatIsServedAsIsFaviconIco() {
        for (String path : List.of("/", "/demo/p2p.html", "/demo/conference.html", "/demo/publish.html", "/demo/play.html")) {
            assertTrue(Server.get(path).body().contains("<link rel=\"icon\" href=\"/favicon.svg\""), path);
        }
        var svg = Server.get("/favicon.svg");
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        var ico = Server.get("/favicon.ico");
        assertEquals(200, ico.statusCode());
        assertTrue(ico.body().startsWith("\0\0\1\0"), "an ICO file");
    }
}
