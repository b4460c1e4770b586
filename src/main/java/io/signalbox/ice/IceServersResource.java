package io.signalbox.ice;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * {@code GET /rest/v2/ice-servers}: the same servers as {@code getIceServerConfig}, as a JSON
 * array of RTCIceServers, for clients that do not speak the WebSocket protocol. Open to anyone, as
 * the WebSocket command is; each call gets credentials of its own, never stored by a cache.
 */
@PermitAll
@Path("v2/ice-servers")
public class IceServersResource {

    @Inject
    IceServers servers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoTransform(false);
        return Response.ok(servers.forUser("rest-" + UUID.randomUUID())).cacheControl(noStore).build();
    }
}
