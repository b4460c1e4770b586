package io.signalbox.whip;

import io.signalbox.signaling.LimitsConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets browser-based WHIP clients of the origins {@code signalbox.security.allowed-origins} names
 * (the WebSocket's own list) call WHIP, and read the headers a session is made of:
 * {@code Location}, {@code ETag}, {@code Link} and {@code Accept-Patch}.
 */
@Provider
public class WhipCors implements ContainerResponseFilter {

    @Inject
    LimitsConfig limits;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !limits.allowsOrigin(origin)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.add("Vary", "Origin");
        headers.putSingle("Access-Control-Expose-Headers", "Location, ETag, Link, Accept-Patch");
    }
}
