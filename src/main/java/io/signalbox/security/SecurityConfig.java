package io.signalbox.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which actions need a token ({@code signalbox.security.token-required}) and how tokens are
 * verified: the standard MicroProfile JWT keys, so one key configuration serves every path.
 */
@ApplicationScoped
public class SecurityConfig {

    /** Comma-separated actions that need a token: {@code publish}, {@code play}, {@code join}; empty for none. */
    @Inject
    @ConfigProperty(name = "signalbox.security.token-required", defaultValue = " ")
    String tokenRequired;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.algorithm", defaultValue = "RS256")
    String algorithm;

    /** The cookie a browser's upgrade request may carry its token in (MicroProfile JWT's name and default). */
    @Inject
    @ConfigProperty(name = "mp.jwt.token.cookie", defaultValue = "Bearer")
    String tokenCookie;

    /** {@link #tokenRequired} read once: every join, publish and play asks. */
    private Set<String> requiredActions;

    @PostConstruct
    void read() {
        requiredActions = Arrays.stream(tokenRequired.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean requires(Action action) {
        return requiredActions.contains(action.claim());
    }

    public Optional<String> publicKey() {
        return publicKey.filter(s -> !s.isBlank());
    }

    public Optional<String> publicKeyLocation() {
        return publicKeyLocation.filter(s -> !s.isBlank());
    }

    public Optional<String> issuer() {
        return issuer.filter(s -> !s.isBlank());
    }

    public String algorithm() {
        return algorithm;
    }

    public String tokenCookie() {
        return tokenCookie;
    }
}
