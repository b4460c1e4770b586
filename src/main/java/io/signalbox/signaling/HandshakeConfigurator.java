package io.signalbox.signaling;

import io.signalbox.security.SecurityConfig;
import io.signalbox.security.UpgradeToken;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Refuses WebSocket handshakes from Origins that {@code signalbox.security.allowed-origins} does
 * not list (HTTP 403), hands the upgrade request's token to the session, and makes each
 * connection's endpoint.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {
    /**
     * What the handshakes and endpoints use, looked up once: the container makes the configurator,
     * not CDI, and Liberty's {@code CDI.current()} walks the stack to find the application each
     * time. All are application-scoped proxies, valid for as long as the application this
     * configurator belongs to.
     */
    private volatile SignalingEndpoint.Services services;
    private volatile SecurityConfig security;

    private SignalingEndpoint.Services services() {
        SignalingEndpoint.Services s = services;
        if (s == null) {
            services = s = SignalingEndpoint.Services.lookUp();
        }
        return s;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return services().limits().allowsOrigin(originHeaderValue);
    }

    /**
     * A plain object rather than a CDI bean: the container's own way looks the bean manager up by
     * stack walk and makes a dependent instance to destroy later, for every connection (2 to 6% of a
     * session's set-up), to inject the same application-scoped services each time.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != SignalingEndpoint.class) {
            throw new InstantiationException("no endpoint " + endpointClass.getName() + " here");
        }
        return endpointClass.cast(new SignalingEndpoint(services()));
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        SecurityConfig s = security;
        if (s == null) {
            security = s = CDI.current().select(SecurityConfig.class).get();
        }
        // WebSocket 2.1 gives each handshake its own copy of the user properties, which become the session's.
        UpgradeToken.find(request.getHeaders(), request.getParameterMap(), s.tokenCookie())
                .ifPresent(token -> config.getUserProperties().put(UpgradeToken.PROPERTY, token));
    }
}
