package io.signalbox.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IceServersTest {
    private final IceServers cut = new IceServers();

    private static IceConfig config(String stun, String turn, String username, String credential, String secret) {
        IceConfig config = new IceConfig();
        config.stunUri = Optional.ofNullable(stun);
        config.turnUri = Optional.ofNullable(turn);
        config.turnUsername = Optional.ofNullable(username);
        config.turnCredential = Optional.ofNullable(credential);
        config.turnSecret = Optional.ofNullable(secret);
        config.turnTtlSeconds = 3600;
        return config;
    }

    @Test
    void withASecretTheUsernameIsExpiryColonUserAndThePasswordItsHmac() {
        cut.config = config("stun:s.example:3478", "turn:t.example:3478", null, null, "north");
        cut.clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        List<IceServers.IceServer> servers = cut.forUser("session-1");
        assertEquals(new IceServers.IceServer("stun:s.example:3478", null, null), servers.get(0));
        assertEquals("1700003600:session-1", servers.get(1).username());
        // base64(HMAC-SHA1("north", "1700003600:session-1")), computed apart with openssl:
        // printf '1700003600:session-1' | openssl dgst -sha1 -hmac north -binary | base64
        assertEquals("MUIr7KLVICV8xcOnmyynSYHPQJ4=", servers.get(1).credential());
    }

    @Test
    void withoutASecretTheFixedCredentialIsHandedOut() {
        cut.config = config(null, "turns:t.example:5349", "u", "p", null);
        assertEquals(List.of(new IceServers.IceServer("turns:t.example:5349", "u", "p")), cut.forUser("any"));
    }

    @Test
    void nothingConfiguredIsNoServers() {
        cut.config = config(null, null, null, null, null);
        assertEquals(List.of(), cut.forUser("any"));
    }

    @Test
    void contradictorySettingsStopTheStartNamingTheKey() {
        IceConfig badScheme = config("http://s.example", null, null, null, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> badScheme.validateAtStart(null)).getMessage()
                .contains("signalbox.ice.stun-uri"));
        IceConfig turnWithoutCredentials = config(null, "turn:t.example", null, null, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> turnWithoutCredentials.validateAtStart(null)).getMessage()
                .contains("signalbox.ice.turn-secret"));
    }
}
