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

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return CDI.current().select(LimitsConfig.class).get().allowsOrigin(originHeaderValue);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // WebSocket 2.1 gives each handshake its own copy of the user properties, which become the session's.
        String cookie = CDI.current().select(SecurityConfig.class).get().tokenCookie();
        UpgradeToken.find(request.getHeaders(), request.getParameterMap(), cookie)
                .ifPresent(token -> config.getUserProperties().put(UpgradeToken.PROPERTY, token));
    }
}
