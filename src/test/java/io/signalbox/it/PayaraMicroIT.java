package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same WAR on Payara Micro, configured only through the environment (the JWT key, the issuer
 * and which actions need a token): a peer-to-peer exchange, tokens on both paths and the admin
 * API's 401/403/200 behave as on Liberty. Run by its own failsafe execution, which points
 * {@link Server} at Payara's port.
 */
@Tag("payara")
class PayaraMicroIT {
    private static Process payara;
    private static Path log;

    @BeforeAll
    static void startPayaraMicro() throws IOException {
        Path dir = Path.of(System.getProperty("payara.dir"));
        log = dir.resolve("payara.log");
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestKeys.KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("payara.micro.jar"), "--deploy", System.getProperty("signalbox.war"),
                "--port", System.getProperty("it.http.port"), "--nocluster", "--nohazelcast", "--rootdir", dir.resolve("root").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("MP_JWT_VERIFY_PUBLICKEY", pem, "MP_JWT_VERIFY_ISSUER", TestKeys.ISSUER,
                "SIGNALBOX_SECURITY_TOKEN_REQUIRED", "publish"));
        payara = builder.start();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    if (!payara.isAlive()) {
                        throw new IllegalStateException("Payara Micro exited; see " + log);
                    }
                    // Payara answers /health before the WAR is loaded: wait for the WAR's own check.
                    Server.registries();
                    return Server.request("GET", "/rest/v2/errors", null, null).statusCode() == 200;
                });
    }

    @AfterAll
    static void stopPayaraMicro() throws InterruptedException {
        if (payara != null) {
            payara.destroy();
            if (!payara.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                payara.destroyForcibly();
            }
        }
    }

    /**
     * Protocol §13: Payara's health service writes every data value as a string (Liberty writes
     * numbers); the checks, their status and HTTP code are the same. Pinned, so that the
     * documented difference goes when Payara changes it.
     */
    @Test
    void healthDataAreStringsOnPayaraAsProtocolSection13Says() {
        JsonObject signaling = Server.healthCheckAt(Server.PORT, "signaling").getJsonObject("data");
        assertEquals(jakarta.json.JsonValue.ValueType.STRING, signaling.get("sessions").getValueType(), signaling::toString);
        assertEquals("0", signaling.getString("publishedStreams"), signaling::toString);
        JsonObject drain = Server.healthCheckAt(Server.PORT, "drain");
        assertEquals("UP", drain.getString("status"));
        assertEquals("false", drain.getJsonObject("data").getString("draining"), drain::toString);
    }

    @Test
    void twoPeersExchangeOfferAnswerAndCandidates() {
        String s = Ids.unique("payara-call");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, s);
            PeerToPeerIT.exchangeOfferAnswerAndCandidates(a, b, s);
            a.send(Messages.leave(s));
            a.awaitNotification("leaved");
            b.awaitMessage("stop");
        }
    }

    /**
     * Protocol §13: the timers declare seconds, so Payara names them as Liberty does (and as the
     * Grafana dashboard queries them); without the unit Payara wrote {@code signalbox_relay_time}.
     * A relayed offer counts in the relay timer.
     */
    @Test
    void theRelayTimerHasLibertysNameAndCountsARelayedOffer() {
        double before = Scrape.counter("signalbox_relay_time_seconds_count", null);
        twoPeersExchangeOfferAnswerAndCandidates();
        assertTrue(Scrape.counter("signalbox_relay_time_seconds_count", null) > before, "relays counted");
        assertTrue(Scrape.sample("signalbox_relay_time_seconds", "quantile=\"0.99\"").isPresent(), "a 99th percentile");
        assertTrue(Scrape.sample("signalbox_relay_time_count", null).isEmpty(), "no timer without its unit");
        assertTrue(Scrape.sample("signalbox_sessions", null).isPresent(), "a gauge, by its name");
    }

    @Test
    void aBinaryFrameIsInvalidMessageAsOnLiberty() {
        GarbageFramesIT.assertBinaryFrameIsInvalidMessage(SignalingClient::connect);
    }

    @Test
    void publishingNeedsAValidTokenInTheMessageOrOnTheUpgrade() {
        String s = Ids.unique("payara-publish");
        try (SignalingClient publisher = SignalingClient.connect()) {
            publisher.send(Messages.publish(s));
            assertEquals(Messages.expectedError("unauthorized_access", s, null), publisher.awaitError("unauthorized_access"));
            publisher.send(withToken(Messages.publish(s), TestKeys.sign(TestKeys.claims(c -> {
                c.setClaim("type", "publish");
                c.setClaim("streamId", s);
            }), TestKeys.OTHER_KEYS)));
            publisher.awaitError("unauthorized_access");
            publisher.send(withToken(Messages.publish(s), publishToken(s)));
            publisher.awaitNotification("publish_started");
        }
        String t = Ids.unique("payara-upgrade");
        try (SignalingClient publisher = SignalingClient.connectWithHeader("Authorization", "Bearer " + publishToken(t))) {
            publisher.send(Messages.publish(t));
            publisher.awaitNotification("publish_started");
        }
    }

    @Test
    void theAdminApiIs401WithoutAToken403WithoutTheGroupAnd200ForAnAdmin() {
        String path = "/rest/v2/broadcasts/list/0/10";
        // Payara's own MP-JWT mechanism answers the 401 (with its HTML page); the group check is Signalbox's.
        assertEquals(401, Server.request("GET", path, null, null).statusCode());
        assertEquals(401, Server.request("GET", path, null, TestKeys.sign(TestKeys.claims(c -> c.setStringListClaim(
                "groups", "admin")), TestKeys.OTHER_KEYS)).statusCode());
        var forbidden = Server.request("GET", path, null, TestKeys.caller("carol", "user"));
        assertEquals(403, forbidden.statusCode());
        assertEquals(Messages.expectedRestError("unauthorized_access"), Server.json(forbidden));
        assertEquals(200, Server.request("GET", path, null, TestKeys.caller("alice", "admin")).statusCode());
        assertEquals(200, Server.request("GET", "/rest/v2/errors", null, null).statusCode());
    }

    @Test
    void noTokenReachesPayarasLog() throws IOException {
        String s = Ids.unique("payara-log");
        String refused = TestKeys.sign(TestKeys.claims(c -> c.setClaim("type", "publish")), TestKeys.OTHER_KEYS);
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(withToken(Messages.publish(s), refused));
            client.awaitError("unauthorized_access");
        }
        // Payara's own MP-JWT check sees this one and logs why it refused it.
        assertEquals(401, Server.request("GET", "/rest/v2/broadcasts/list/0/1", null, refused).statusCode());
        String text = Files.readString(log);
        for (String part : refused.split("\\.")) {
            assertFalse(text.contains(part), "a part of a token is in " + log);
        }
    }

    private static String publishToken(String streamId) {
        return TestKeys.sign(TestKeys.claims(c -> {
            c.setClaim("type", "publish");
            c.setClaim("streamId", streamId);
        }));
    }

    private static JsonObject withToken(JsonObject message, String token) {
        return Json.createObjectBuilder(message).add("token", token).build();
    }
}
