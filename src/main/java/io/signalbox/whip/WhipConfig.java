package io.signalbox.whip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code signalbox.whip.*}: how WHIP ingest treats a session whose media never comes. */
@ApplicationScoped
public class WhipConfig {

    /**
     * How long a WHIP session may go from its POST to media reaching the media server, and without
     * video once some came; past it the session ends and its stream is free again (a client that
     * went away after the POST, or vanished without closing its connection).
     */
    @Inject
    @ConfigProperty(name = "signalbox.whip.connect-timeout-seconds", defaultValue = "30")
    int connectTimeoutSeconds;

    /** Stops the deployment at start, naming the key, when the timeout is not positive. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (connectTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("signalbox.whip.connect-timeout-seconds must be positive, not " + connectTimeoutSeconds);
        }
    }

    Duration connectTimeout() {
        return Duration.ofSeconds(connectTimeoutSeconds);
    }
}
