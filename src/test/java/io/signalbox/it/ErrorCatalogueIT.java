package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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
}
