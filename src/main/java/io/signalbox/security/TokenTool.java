package io.signalbox.security;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A command line for admins trying a secured setup locally: makes an RSA key pair and mints
 * tokens the server accepts. Not for production, where an identity provider issues tokens.
 *
 * <pre>
 * java -cp "target/signalbox/WEB-INF/classes:target/signalbox/WEB-INF/lib/*" io.signalbox.security.TokenTool keys DIR
 * java -cp ... io.signalbox.security.TokenTool mint --key DIR/private.pem [--issuer URL] [--minutes 60]
 *      [--subject NAME] [--groups admin,...] [--type publish|play|join] [--streamId ID] [--room ID]
 * </pre>
 */
public final class TokenTool {
    private static final Set<String> MINT_OPTIONS = Set.of("--key", "--issuer", "--minutes", "--subject", "--groups",
            "--type", "--streamId", "--room");

    private TokenTool() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(List.of(args)));
        } catch (IllegalArgumentException | IOException | GeneralSecurityException | JoseException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
        }
    }

    static String run(List<String> args) throws IOException, GeneralSecurityException, JoseException {
        if (args.size() == 2 && args.get(0).equals("keys")) {
            return keys(Path.of(args.get(1)));
        }
        if (!args.isEmpty() && args.get(0).equals("mint")) {
            return mint(options(args.subList(1, args.size())));
        }
        throw new IllegalArgumentException("expected 'keys DIR' or 'mint --key FILE ...'");
    }

    /** Writes {@code private.pem} (PKCS#8, owner-only) and {@code public.pem} into {@code dir}. */
    static String keys(Path dir) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Path privateKey = dir.resolve("private.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the key is as private as the directory
        }
        Path publicKey = dir.resolve("public.pem");
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return "wrote " + privateKey + " and " + publicKey
                + "\nserver: mp.jwt.verify.publickey.location=" + publicKey.toAbsolutePath().toUri();
    }

    static String mint(Map<String, String> options) throws IOException, GeneralSecurityException, JoseException {
        String keyFile = options.get("--key");
        if (keyFile == null) {
            throw new IllegalArgumentException("--key FILE is required");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(options.getOrDefault("--issuer", "signalbox-local"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(Float.parseFloat(options.getOrDefault("--minutes", "60")));
        claims.setGeneratedJwtId();
        String subject = options.getOrDefault("--subject", "admin");
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        // Every claim MicroProfile JWT requires, groups included (Payara refuses a token without them).
        claims.setStringListClaim("groups", options.containsKey("--groups")
                ? List.of(options.get("--groups").split(",")) : List.of());
        for (String claim : List.of("type", "streamId", "room")) {
            if (options.containsKey("--" + claim)) {
                claims.setClaim(claim, options.get("--" + claim));
            }
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey(Files.readString(Path.of(keyFile))));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!MINT_OPTIONS.contains(name) || i + 1 >= args.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + name);
            }
            options.put(name, args.get(i + 1));
        }
        return options;
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void usage(PrintStream out, String problem) {
        out.println("token tool: " + problem);
        out.println("usage: TokenTool keys DIR");
        out.println("       TokenTool mint --key DIR/private.pem [--issuer URL] [--minutes N] [--subject NAME]");
        out.println("                      [--groups admin,...] [--type publish|play|join] [--streamId ID] [--room ID]");
    }
}
