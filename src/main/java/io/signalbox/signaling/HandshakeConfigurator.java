package io.signalbox.signaling;

import io.signalbox.security.SecurityConfig;
import io.signalbox.security.UpgradeToken;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Refuses WebSocket handshakes from Origins that {@code signalbox.security.allowed-origins} does
 * not list (HTTP 403), and hands the upgrade request's token to the session.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {
    /**
     * The two configurations, looked up once: the container makes the configurator, not CDI, and
     * Liberty's {@code CDI.current()} walks the stack to find the application each time (a
     * twentieth of a session's set-up). Both are application-scoped proxies, valid for as long as
     * the application this configurator belongs to.
     */
    private volatile LimitsConfig limits;
    private volatile SecurityConfig security;

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        LimitsConfig l = limits;
        if (l == null) {
            limits = l = CDI.current().select(LimitsConfig.class).get();
        }
        return l.allowsOrigin(originHeaderValue);
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
