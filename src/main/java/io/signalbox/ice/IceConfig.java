package io.signalbox.ice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code signalbox.ice.*}: the STUN and TURN servers handed to clients ({@code getIceServerConfig}),
 * and the TURN credentials: fixed ones, or, with a shared secret, short-lived ones made per
 * session the way coturn's {@code use-auth-secret} checks them (the TURN REST API).
 */
@ApplicationScoped
public class IceConfig {

    /** A STUN server, e.g. {@code stun:stun.example.org:3478}; none by default. */
    @Inject
    @ConfigProperty(name = "signalbox.ice.stun-uri")
    Optional<String> stunUri;

    /** A TURN server, e.g. {@code turn:turn.example.org:3478?transport=udp}; none by default. */
    @Inject
    @ConfigProperty(name = "signalbox.ice.turn-uri")
    Optional<String> turnUri;

    /** A fixed TURN username, used when no secret is set. */
    @Inject
    @ConfigProperty(name = "signalbox.ice.turn-username")
    Optional<String> turnUsername;

    /** The fixed TURN password that goes with {@code turn-username}. */
    @Inject
    @ConfigProperty(name = "signalbox.ice.turn-credential")
    Optional<String> turnCredential;

    /** The secret shared with coturn ({@code static-auth-secret}); when set, credentials are made per session. */
    @Inject
    @ConfigProperty(name = "signalbox.ice.turn-secret")
    Optional<String> turnSecret;

    /** How long a made credential is good for. */
    @Inject
    @ConfigProperty(name = "signalbox.ice.turn-ttl-seconds", defaultValue = "86400")
    long turnTtlSeconds;

    /** Stops the deployment at start, naming the key, when the settings contradict each other. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        stunUri().ifPresent(uri -> requireScheme("signalbox.ice.stun-uri", uri, "stun:", "stuns:"));
        turnUri().ifPresent(uri -> requireScheme("signalbox.ice.turn-uri", uri, "turn:", "turns:"));
        if (turnUri().isPresent() && turnSecret().isEmpty() && (turnUsername().isEmpty() || turnCredential().isEmpty())) {
            throw new IllegalArgumentException(
                    "signalbox.ice.turn-uri needs signalbox.ice.turn-secret, or signalbox.ice.turn-username and turn-credential");
        }
        if (turnTtlSeconds <= 0) {
            throw new IllegalArgumentException("signalbox.ice.turn-ttl-seconds must be positive, not " + turnTtlSeconds);
        }
    }

    private static void requireScheme(String key, String uri, String... schemes) {
        for (String scheme : schemes) {
            if (uri.startsWith(scheme)) {
                return;
            }
        }
        throw new IllegalArgumentException(key + " must start with " + String.join(" or ", schemes) + ", not " + uri);
    }

    Optional<String> stunUri() {
        return stunUri.filter(s -> !s.isBlank());
    }

    Optional<String> turnUri() {
        return turnUri.filter(s -> !s.isBlank());
    }

    Optional<String> turnUsername() {
        return turnUsername.filter(s -> !s.isBlank());
    }

    Optional<String> turnCredential() {
        return turnCredential.filter(s -> !s.isBlank());
    }

    Optional<String> turnSecret() {
        return turnSecret.filter(s -> !s.isBlank());
    }

    long turnTtlSeconds() {
        return turnTtlSeconds;
    }
}
