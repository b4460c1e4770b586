package io.signalbox.signaling;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /rest/v2/drain}: this node drains ({@link Drain}). Allowed to the {@code admin}
 * group, and to a {@code drain} group that may do nothing else, for the token a Kubernetes
 * {@code preStop} hook holds. Answers 202 with how many sessions were told.
 */
@RequestScoped
@Path("v2/drain")
@RolesAllowed({"admin", "drain"})
@Produces(MediaType.APPLICATION_JSON)
public class DrainResource {

    /** The answer: draining now, and how many sessions this call told (0 when it was draining already). */
    public record Draining(boolean draining, int told) {
    }

    @Inject
    Drain drain;

    @POST
    public Response drain() {
        int told = drain.start();
        return Response.accepted(new Draining(true, told)).build();
    }
}
