package io.signalbox.hooks;

import io.signalbox.error.SignalingException;
import io.signalbox.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code signalbox.webhooks.*}: where an application's backend hears what happens, how hooks are signed, retried and bounded. */
@ApplicationScoped
public class HooksConfig {

    /** The application-wide receiver, an http(s) URL; none: no hooks. */
    @Inject
    @ConfigProperty(name = "signalbox.webhooks.url")
    Optional<String> url;

    /** The secret each hook is signed with (HMAC-SHA256, header {@code Signalbox-Signature}); none: unsigned. */
    @Inject
    @ConfigProperty(name = "signalbox.webhooks.secret")
    Optional<String> secret;

    /** How many times one hook is tried in all, the first included. */
    @Inject
    @ConfigProperty(name = "signalbox.webhooks.max-attempts", defaultValue = "5")
    int maxAttempts;

    /** How long before the first retry; each next waits twice as long. */
    @Inject
    @ConfigProperty(name = "signalbox.webhooks.first-retry-millis", defaultValue = "1000")
    long firstRetryMillis;

    /** How long one attempt may take, connecting and answering, before it counts as failed. */
    @Inject
    @ConfigProperty(name = "signalbox.webhooks.timeout-seconds", defaultValue = "5")
    int timeoutSeconds;

    /** How many hooks this node holds at once, sending or waiting to retry; past it a new one is dropped. */
    @Inject
    @ConfigProperty(name = "signalbox.webhooks.queue-size", defaultValue = "1000")
    int queueSize;

    /** Stops the deployment at start, naming the key, when a setting is out of range. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        url().ifPresent(HooksConfig::requireHttp);
        if (maxAttempts < 1 || firstRetryMillis < 1 || timeoutSeconds < 1 || queueSize < 1) {
            throw new IllegalArgumentException("signalbox.webhooks.max-attempts, first-retry-millis, timeout-seconds and queue-size "
                    + "must be positive, not " + maxAttempts + ", " + firstRetryMillis + ", " + timeoutSeconds + ", " + queueSize);
        }
    }

    /** Refuses, naming the key, a URL that is not absolute http or https (the check a stream's listenerHookURL gets). */
    static URI requireHttp(String url) {
        try {
            return URI.create(StreamRegistry.requireHookUrl(url));
        } catch (SignalingException e) {
            throw new IllegalArgumentException("signalbox.webhooks.url must be an http or https URL, not " + url, e);
        }
    }

    Optional<String> url() {
        return url.filter(u -> !u.isBlank());
    }

    Optional<String> secret() {
        return secret.filter(s -> !s.isBlank());
    }

    int maxAttempts() {
        return maxAttempts;
    }

    Duration retryAfter(int attempt) {
        return Duration.ofMillis(firstRetryMillis << Math.min(attempt - 1, 16));
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    int queueSize() {
        return queueSize;
    }
}
