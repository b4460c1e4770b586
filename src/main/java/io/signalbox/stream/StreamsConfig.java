package io.signalbox.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code signalbox.streams.*} MicroProfile Config keys. */
@ApplicationScoped
public class StreamsConfig {

    /** Most viewers one published stream may have at once; 0 means no limit. */
    @Inject
    @ConfigProperty(name = "signalbox.streams.max-viewers", defaultValue = "100")
    int maxViewers;

    /** Whether {@code publish} and {@code join} accept streams not registered over REST. */
    @Inject
    @ConfigProperty(name = "signalbox.streams.allow-unregistered", defaultValue = "true")
    boolean allowUnregistered;

    /**
     * Through the media server, how long a publisher's media may take to reach it after
     * {@code publish}; past it the publish ends with {@code publishTimeoutError} (Ant Media's
     * {@code webRTCClientStartTimeoutMs}, 10 s there). 0: wait for ever.
     */
    @Inject
    @ConfigProperty(name = "signalbox.streams.publish-timeout-seconds", defaultValue = "20")
    int publishTimeoutSeconds;

    /** Stops the deployment at start, naming the key, when the timeout is negative. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (publishTimeoutSeconds < 0) {
            throw new IllegalArgumentException("signalbox.streams.publish-timeout-seconds must not be negative, not " + publishTimeoutSeconds);
        }
    }

    /** How long a publisher's media may take to reach the media server; empty: for ever. */
    public Optional<Duration> publishTimeout() {
        return publishTimeoutSeconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(publishTimeoutSeconds));
    }

    public boolean allowUnregistered() {
        return allowUnregistered;
    }

    public int maxViewers() {
        return maxViewers;
    }
}
