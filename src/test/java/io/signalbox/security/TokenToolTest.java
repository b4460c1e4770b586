package io.signalbox.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.RsaKeyUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenToolTest {
    @TempDir
    Path dir;

    @Test
    void aMintedTokenVerifiesWithThePublicKeyAndCarriesTheAskedClaims() throws Exception {
        TokenTool.run(List.of("keys", dir.toString()));
        String token = TokenTool.run(List.of("mint", "--key", dir.resolve("private.pem").toString(),
                "--issuer", "https://issuer.test", "--groups", "admin,ops", "--type", "publish", "--streamId", "s1"));
        JwtClaims claims = consumer(dir.resolve("public.pem")).processToClaims(token);
        assertEquals("https://issuer.test", claims.getIssuer());
        assertEquals(List.of("admin", "ops"), claims.getStringListClaimValue("groups"));
        assertEquals("publish", claims.getStringClaimValue("type"));
        assertEquals("s1", claims.getStringClaimValue("streamId"));
    }

    @Test
    void keysNamesThePublicKeyInTheFileUriFormEveryServerReads() throws Exception {
        String said = TokenTool.run(List.of("keys", dir.toString()));
        String location = dir.resolve("public.pem").toAbsolutePath().toUri().toString();
        assertTrue(location.startsWith("file:///"), location);
        assertTrue(said.endsWith("server: mp.jwt.verify.publickey.location=" + location), said);
    }

    @Test
    void aTokenFromOtherKeysDoesNotVerify() throws Exception {
        Path other = dir.resolve("other");
        TokenTool.run(List.of("keys", dir.toString()));
        TokenTool.run(List.of("keys", other.toString()));
        String token = TokenTool.run(List.of("mint", "--key", other.resolve("private.pem").toString()));
        assertThrows(InvalidJwtException.class, () -> consumer(dir.resolve("public.pem")).processToClaims(token));
    }

    @Test
    void unknownOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenTool.run(List.of("mint", "--key")));
        assertThrows(IllegalArgumentException.class, () -> TokenTool.run(List.of("mint", "--colour", "red")));
        assertThrows(IllegalArgumentException.class, () -> TokenTool.run(List.of("mint", "--groups", "admin")));
        assertThrows(IllegalArgumentException.class, () -> TokenTool.run(List.of("sign")));
    }

    private static org.jose4j.jwt.consumer.JwtConsumer consumer(Path publicKey) throws Exception {
        return new JwtConsumerBuilder().setRequireExpirationTime()
                .setVerificationKey(new RsaKeyUtil().fromPemEncoded(Files.readString(publicKey)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256").build();
    }
}
