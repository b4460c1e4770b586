package io.signalbox.error;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Publishes the error catalogue at {@code GET /rest/v2/errors}. */
@PermitAll
@Path("v2/errors")
public class ErrorCatalogueResource {

    /** One catalogue row as JSON. */
    public record Entry(String definition, String message, String side) {
        static Entry of(ErrorDefinition d) {
            return new Entry(d.wireName(), d.message(), d.side().name().toLowerCase(Locale.ROOT));
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Entry> list() {
        return Arrays.stream(ErrorDefinition.values()).map(Entry::of).toList();
    }
}
