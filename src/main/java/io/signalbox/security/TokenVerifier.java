package io.signalbox.security;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.room.RoomId;
import io.signalbox.session.SessionId;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.EcKeyUtil;
import org.jose4j.keys.RsaKeyUtil;
import org.jose4j.lang.JoseException;

/**
 * Checks the tokens that authorize an action on a stream or room (protocol section 9): signed
 * with the configured algorithm and key, from the configured issuer, unexpired, and with
 * {@code type} and {@code streamId} or {@code room} claims that match the request.
 */
@ApplicationScoped
public class TokenVerifier {
    private static final System.Logger LOG = System.getLogger(TokenVerifier.class.getName());
    private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

    @Inject
    SecurityConfig config;

    @Inject
    SessionTokens sessionTokens;

    private volatile JwtConsumer consumer;

    /**
     * Passes when {@code action} needs no token, or the message's token (else the one the session
     * connected with) authorizes it for {@code stream} (its {@code streamId} claim); else
     * unauthorized_access.
     */
    public void check(SessionId session, Action action, StreamId stream, String messageToken) {
        check(session, action, "streamId", stream.value(), messageToken);
    }

    /** As {@link #check(SessionId, Action, StreamId, String)}, for {@code room} (its {@code room} claim). */
    public void check(SessionId session, Action action, RoomId room, String messageToken) {
        check(session, action, "room", room.value(), messageToken);
    }

    private void check(SessionId session, Action action, String subjectClaim, String subject, String messageToken) {
        if (!config.requires(action)) {
            return;
        }
        String token = messageToken == null || messageToken.isEmpty()
                ? sessionTokens.of(session).orElse(null) : messageToken;
        if (token == null) {
            throw unauthorized("no token for " + action.claim());
        }
        grants(verify(token), action, subjectClaim, subject);
    }

    /** What an HTTP request's bearer token (WHIP's) does for {@code action} on {@code stream}. */
    public enum Verdict {
        /** The action needs no token, or the token grants it. */
        ALLOWED,
        /** A token is needed and none came, or it is not one this server signed and is still good for (HTTP 401). */
        UNAUTHENTICATED,
        /** A good token, for another stream or action (HTTP 403). */
        FORBIDDEN
    }

    /** Judges {@code bearer}, the token of a request that has no session, for {@code action} on {@code stream}. */
    public Verdict judge(Action action, StreamId stream, Optional<String> bearer) {
        return config.requires(action) ? judgeNeeded(action, stream, bearer) : Verdict.ALLOWED;
    }

    /** As {@link #judge}, for a token needed whatever {@code signalbox.security.token-required} says (a recording's file). */
    public Verdict judgeNeeded(Action action, StreamId stream, Optional<String> bearer) {
        if (bearer.isEmpty()) {
            return Verdict.UNAUTHENTICATED;
        }
        JwtClaims claims;
        try {
            claims = verify(bearer.get());
        } catch (SignalingException e) {
            return Verdict.UNAUTHENTICATED;
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "refused a token for " + action.claim() + ": " + e.getMessage());
            return Verdict.UNAUTHENTICATED;
        }
        try {
            grants(claims, action, "streamId", stream.value());
            return Verdict.ALLOWED;
        } catch (SignalingException e) {
            return Verdict.FORBIDDEN;
        }
    }

    private static void grants(JwtClaims claims, Action action, String subjectClaim, String subject) {
        try {
            if (!action.claim().equals(claims.getStringClaimValue("type"))) {
                throw unauthorized("token is for another action");
            }
            if (!subject.equals(claims.getStringClaimValue(subjectClaim))) {
                throw unauthorized("token is for another " + subjectClaim);
            }
        } catch (MalformedClaimException e) {
            throw unauthorized("token claim of the wrong type");
        }
    }

    /**
     * The claims of a token signed by the configured key and issuer, unexpired; else
     * unauthorized_access. Fails with {@link IllegalStateException} when no key is configured.
     */
    public JwtClaims verify(String token) {
        try {
            return consumer().processToClaims(token);
        } catch (InvalidJwtException e) {
            // The codes say why without repeating the token, which is a secret.
            throw unauthorized("token refused, jose4j codes " + e.getErrorDetails().stream()
                    .map(d -> String.valueOf(d.getErrorCode())).toList());
        }
    }

    private static SignalingException unauthorized(String detail) {
        return new SignalingException(ErrorDefinition.UNAUTHORIZED_ACCESS, detail);
    }

    private JwtConsumer consumer() {
        JwtConsumer built = consumer;
        if (built == null) {
            built = build();
            consumer = built;
        }
        return built;
    }

    private JwtConsumer build() {
        String algorithm = config.algorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalStateException("mp.jwt.verify.publickey.algorithm must be RS256 or ES256, not " + algorithm);
        }
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(30)
                .setSkipDefaultAudienceValidation()
                .setVerificationKey(publicKey(algorithm))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm);
        config.issuer().ifPresent(builder::setExpectedIssuer);
        return builder.build();
    }

    private PublicKey publicKey(String algorithm) {
        String pem = config.publicKey().orElseGet(() -> read(config.publicKeyLocation().orElseThrow(() ->
                new IllegalStateException("a token is required but neither mp.jwt.verify.publickey nor "
                        + "mp.jwt.verify.publickey.location is set"))));
        try {
            return algorithm.equals("ES256") ? new EcKeyUtil().fromPemEncoded(pem) : new RsaKeyUtil().fromPemEncoded(pem);
        } catch (GeneralSecurityException | JoseException | IllegalArgumentException e) {
            throw new IllegalStateException("mp.jwt.verify.publickey is not a PEM " + algorithm + " public key", e);
        }
    }

    /** Reads a key from a file path, a URL, or a resource of the application. */
    private static String read(String location) {
        try {
            if (location.contains(":") && !location.startsWith("/")) {
                try (InputStream in = new URL(location).openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path path = Path.of(location);
            if (Files.exists(path)) {
                return Files.readString(path);
            }
            try (InputStream in = TokenVerifier.class.getClassLoader().getResourceAsStream(location.replaceFirst("^/", ""))) {
                if (in == null) {
                    throw new IllegalStateException("mp.jwt.verify.publickey.location " + location + " not found");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read mp.jwt.verify.publickey.location " + location, e);
        }
    }
}
