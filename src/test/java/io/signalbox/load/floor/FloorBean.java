package io.signalbox.load.floor;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes the relay floor's WAR a CDI application when {@link io.signalbox.load.ServerComparison}
 * adds it: the bean does nothing and nobody uses it, but Liberty then does for each WebSocket
 * upgrade what it does for every CDI application (Signalbox is one).
 */
@ApplicationScoped
public class FloorBean {
}
