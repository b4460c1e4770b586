package io.signalbox.ice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers a client is handed: the configured STUN server, and the TURN server with
 * credentials. With a shared secret the credentials are made for the one who asks and expire:
 * the username is {@code expiry:user} (expiry in Unix seconds) and the password
 * base64(HMAC-SHA1(secret, username)), which is what coturn's {@code use-auth-secret} checks.
 * The secret itself never leaves this class.
 */
@ApplicationScoped
public class IceServers {

    /** One server, in the shape of WebRTC's RTCIceServer; no username or credential for STUN. */
    public record IceServer(String urls, String username, String credential) {
    }

    @Inject
    IceConfig config;

    Clock clock = Clock.systemUTC();

    /** The servers for {@code user} (a session id names it in coturn's log), STUN first. */
    public List<IceServer> forUser(String user) {
        List<IceServer> servers = new ArrayList<>();
        config.stunUri().ifPresent(uri -> servers.add(new IceServer(uri, null, null)));
        config.turnUri().ifPresent(uri -> servers.add(turn(uri, user)));
        return servers;
    }

    private IceServer turn(String uri, String user) {
        Optional<String> secret = config.turnSecret();
        if (secret.isEmpty()) {
            return new IceServer(uri, config.turnUsername().orElseThrow(), config.turnCredential().orElseThrow());
        }
        String username = (clock.instant().getEpochSecond() + config.turnTtlSeconds()) + ":" + user;
        return new IceServer(uri, username, password(secret.get(), username));
    }

    /** The TURN REST API password of {@code username}: base64(HMAC-SHA1(secret, username)). */
    static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
