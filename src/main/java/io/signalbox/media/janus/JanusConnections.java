package io.signalbox.media.janus;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * This node's connections to Janus servers: its own, where the feeds published through this node
 * go, and other nodes', opened when a viewer here first needs one and dropped when lost.
 */
final class JanusConnections {
    private final Optional<String> apiSecret;
    private final long timeoutMillis;
    private final long maxReconnectMillis;
    private final ScheduledExecutorService scheduler;
    private final JanusListener listener;
    private final JanusConnection home;
    private final Map<URI, JanusConnection> others = new ConcurrentHashMap<>();

    /** Starts connecting to this node's Janus at {@code home}; returns at once. */
    JanusConnections(URI home, Optional<String> apiSecret, long timeoutMillis, long maxReconnectMillis,
            ScheduledExecutorService scheduler, JanusListener listener) {
        this.apiSecret = apiSecret;
        this.timeoutMillis = timeoutMillis;
        this.maxReconnectMillis = maxReconnectMillis;
        this.scheduler = scheduler;
        this.listener = listener;
        this.home = open(home);
    }

    private JanusConnection open(URI url) {
        JanusConnection janus = new JanusConnection(url, apiSecret, timeoutMillis, maxReconnectMillis, scheduler, listener);
        janus.start();
        return janus;
    }

    /** Whether this node's own Janus is connected now. */
    boolean homeIsUp() {
        return home.isUp();
    }

    URI homeUrl() {
        return home.url();
    }

    /**
     * The Janus at {@code url}: this node's, or another node's, connected on first use and given
     * the request timeout to come up; media_server_unavailable, naming {@code name}, if it does not.
     */
    JanusConnection at(URI url, String name) {
        if (url.equals(home.url())) {
            return home;
        }
        JanusConnection janus = others.computeIfAbsent(url, this::open);
        if (!janus.awaitUp(timeoutMillis)) {
            if (others.remove(url, janus)) {
                janus.close();
            }
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, name + ": its Janus at " + url + " cannot be reached");
        }
        return janus;
    }

    /** This node's connection to the Janus at {@code url} as it is now, not waiting; null when there is none. */
    JanusConnection connected(URI url) {
        return url.equals(home.url()) ? home : others.get(url);
    }

    /** Another node's Janus was lost: dropped, and connected again when a viewer here next needs it. */
    void lost(JanusConnection janus) {
        if (janus != home && others.remove(janus.url(), janus)) {
            janus.close();
        }
    }

    void close() {
        home.close();
        others.values().forEach(JanusConnection::close);
    }
}
