package io.signalbox.signaling;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/** Refuses WebSocket handshakes from Origins that {@code signalbox.security.allowed-origins} does not list (HTTP 403). */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return CDI.current().select(LimitsConfig.class).get().allowsOrigin(originHeaderValue);
    }
}
