package io.signalbox.signaling;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The WebSocket boundary's settings: its abuse limits ({@code signalbox.limits.*}), the allowed
 * Origins, and how frames are written ({@code signalbox.websocket.writes}).
 */
@ApplicationScoped
public class LimitsConfig {
    /** Seconds' worth of messages a session may send in one burst. */
    public static final int BURST_SECONDS = 4;

    /** Largest frame accepted, in UTF-8 bytes; a larger one gets message_too_large and close 1009. */
    @Inject
    @ConfigProperty(name = "signalbox.limits.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    /** Messages per second one session may send; past it messages are dropped with rate_limited. */
    @Inject
    @ConfigProperty(name = "signalbox.limits.messages-per-second", defaultValue = "50")
    int messagesPerSecond;

    /** Open sessions one node accepts; past it a new socket is closed with 1013 (try again later). */
    @Inject
    @ConfigProperty(name = "signalbox.limits.max-sessions", defaultValue = "20000")
    int maxSessions;

    /** Seconds without any frame from the client (ping counts) before the server closes a session. */
    @Inject
    @ConfigProperty(name = "signalbox.limits.idle-timeout-seconds", defaultValue = "60")
    int idleTimeoutSeconds;

    /** Comma-separated Origins allowed to open the WebSocket, or {@code *} for any. */
    @Inject
    @ConfigProperty(name = "signalbox.security.allowed-origins", defaultValue = "*")
    String allowedOrigins;

    /** {@link #allowedOrigins} as a list, read once rather than split on every handshake. */
    private List<String> allowed;

    @PostConstruct
    void readAllowedOrigins() {
        allowed = Arrays.stream(allowedOrigins.split(",")).map(String::trim).toList();
    }

    /**
     * {@code virtual-threads}: each session's frames are written blocking, on a virtual thread of
     * its own while any wait (on a JVM without virtual threads, before Java 21, as {@code async});
     * {@code async}: with the container's asynchronous writes. Blocking writes skip the container's
     * hand-off to its write selector and back, about a fifth of the CPU per relayed frame
     * (docs/benchmark.md).
     */
    @Inject
    @ConfigProperty(name = "signalbox.websocket.writes", defaultValue = "virtual-threads")
    String writes;

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * How many messages one session may send at once, four seconds' worth: joining a room through
     * the media server opens a connection per member, and their offers and candidates come together.
     */
    public int burstMessages() {
        return messagesPerSecond * BURST_SECONDS;
    }

    public int messagesPerSecond() {
        return messagesPerSecond;
    }

    public int maxSessions() {
        return maxSessions;
    }

    public long idleTimeoutMillis() {
        return idleTimeoutSeconds * 1000L;
    }

    /** Whether frames are to be written blocking on virtual threads; fails on a value that is neither way. */
    public boolean writesOnVirtualThreads() {
        return switch (writes) {
            case "virtual-threads" -> true;
            case "async" -> false;
            default -> throw new IllegalStateException(
                    "signalbox.websocket.writes is '" + writes + "'; it takes virtual-threads or async");
        };
    }

    /**
     * Whether a handshake with this {@code Origin} may proceed. Clients that send none (servers,
     * tools) are not browsers, which is what an Origin check protects.
     */
    public boolean allowsOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        return allowed.contains("*") || allowed.contains(origin);
    }
}
