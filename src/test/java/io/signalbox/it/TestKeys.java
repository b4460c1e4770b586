package io.signalbox.it;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Test-only signing keys, made fresh for each test run: every deployment trusts {@link #KEYS}
 * (see {@link Deployments}); {@link #OTHER_KEYS} is a key the server has never seen.
 */
public final class TestKeys {
    public static final String ISSUER = "https://issuer.signalbox.test";
    public static final KeyPair KEYS = rsa();
    public static final KeyPair OTHER_KEYS = rsa();

    private TestKeys() {
    }

    /** The lines of {@code microprofile-config.properties} that make the server trust {@link #KEYS}. */
    static List<String> serverConfig() {
        String pem = "-----BEGIN PUBLIC KEY-----\\n"
                + Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\\n-----END PUBLIC KEY-----";
        return List.of("mp.jwt.verify.publickey=" + pem, "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.publickey.algorithm=RS256");
    }

    /** A complete MP JWT claim set from {@link #ISSUER}, valid for ten minutes, then changed as the test wants. */
    public static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setIssuedAtToNow();
        // The claims MicroProfile JWT requires; Payara's own MP-JWT check refuses a token without them.
        claims.setGeneratedJwtId();
        claims.setSubject("test-user");
        claims.setClaim("upn", "test-user");
        claims.setStringListClaim("groups");
        change.accept(claims);
        return claims;
    }

    public static String sign(JwtClaims claims) {
        return sign(claims, KEYS);
    }

    public static String sign(JwtClaims claims, KeyPair keys) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT"); // as issuers set it; Payara refuses a token without it
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A caller in the given groups, as the admin REST API reads them. */
    public static String caller(String name, String... groups) {
        return sign(claims(c -> {
            c.setClaim("upn", name);
            c.setSubject(name);
            c.setStringListClaim("groups", groups);
        }));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
