package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code getIceServerConfig} with short-lived TURN credentials, checked by a real coturn on
 * loopback: two browsers that may use TURN alone complete a call through it with the
 * credentials the server made, and coturn itself refuses a forged or expired one.
 */
@ExtendWith(ArquillianExtension.class)
class TurnIT {
    private static TurnServer turn;
    private static Browsers browsers;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(TurnServer.settings());
    }

    @BeforeAll
    static void start() throws Exception {
        turn = TurnServer.start();
        browsers = Browsers.withFakeMedia();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) {
            browsers.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    @Test
    void getIceServerConfigHandsEachSessionItsOwnExpiringTurnCredentialAndNeverTheSecret() {
        try (SignalingClient client = SignalingClient.connect()) {
            long before = Instant.now().getEpochSecond();
            client.send("{\"command\":\"getIceServerConfig\"}");
            JsonObject config = client.awaitMessage("iceServerConfig");
            String username = config.getString("turnServerUsername");
            String[] parts = username.split(":", 2);
            long expiry = Long.parseLong(parts[0]);
            assertTrue(expiry >= before + 600 && expiry <= Instant.now().getEpochSecond() + 600, username);
            assertFalse(parts[1].isEmpty(), "the user part names the session: " + username);
            assertEquals(TurnServer.URI, config.getString("stunServerUri"), "the one field Ant Media's SDK reads");
            assertEquals(hmac(TurnServer.SECRET, username), config.getString("turnServerCredential"));
            JsonObject server = config.getJsonArray("iceServers").getJsonObject(0);
            assertEquals(List.of(TurnServer.URI, username, config.getString("turnServerCredential")),
                    List.of(server.getString("urls"), server.getString("username"), server.getString("credential")));
            assertFalse(config.toString().contains(TurnServer.SECRET), "the secret reached a client");
            client.assertNothingPending();
        }
    }

    @Test
    void theRestEndpointHandsOutTheSameServersAsRtcIceServersEachCallItsOwnCredential() {
        java.net.http.HttpResponse<String> first = Server.get("/rest/v2/ice-servers");
        java.net.http.HttpResponse<String> second = Server.get("/rest/v2/ice-servers");
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.headers().firstValue("Cache-Control").orElse("").contains("no-store"), first.headers().toString());
        for (var response : List.of(first, second)) {
            JsonObject server = jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readArray().getJsonObject(0);
            assertEquals(TurnServer.URI, server.getString("urls"));
            assertEquals(hmac(TurnServer.SECRET, server.getString("username")), server.getString("credential"));
            assertFalse(response.body().contains(TurnServer.SECRET));
        }
        assertFalse(first.body().equals(second.body()), "two callers got one credential: " + first.body());
    }

    @Test
    void twoBrowsersLimitedToTurnCompleteACallThroughCoturnWithTheServersCredentials() {
        String s = Ids.unique("relayed");
        Page a = browsers.open("/demo/p2p.html?relay=1&streamId=" + s);
        Page b = browsers.open("/demo/p2p.html?relay=1&streamId=" + s);
        try {
            for (Page page : List.of(a, b)) {
                Browsers.awaitConnected(page);
                page.waitForFunction("u => window.demo.client.iceServers.some(x => x.urls === u && x.username)", TurnServer.URI);
            }
            a.click("#join");
            a.waitForFunction("() => window.demo.events.includes('joined')");
            b.click("#join");
            Browsers.awaitRemoteVideos(a, 1);
            Browsers.awaitRemoteVideos(b, 1);
            for (Page page : List.of(a, b)) {
                assertEquals(List.of("relay", "relay"), page.evaluate("async () => {"
                        + " const pc = [...window.demo.client.links.values()][0].pc; const stats = await pc.getStats(); let pair;"
                        + " stats.forEach(r => { if (r.type === 'transport' && r.selectedCandidatePairId) pair = stats.get(r.selectedCandidatePairId); });"
                        + " return [stats.get(pair.localCandidateId).candidateType, stats.get(pair.remoteCandidateId).candidateType]; }"),
                        "the selected candidate pair");
            }
            Browsers.screenshot(b, "turn-relayed-call");
        } finally {
            a.context().close();
            b.context().close();
        }
    }

    @Test
    void coturnRefusesAForgedOrExpiredCredentialAndAcceptsAGenuineOne() {
        long future = Instant.now().getEpochSecond() + 600;
        long past = Instant.now().getEpochSecond() - 60;
        String genuine = future + ":probe";
        String expired = past + ":probe";
        Page page = browsers.open("/");
        try {
            assertEquals(List.of("relay"), relayCandidates(page, genuine, hmac(TurnServer.SECRET, genuine)), "a genuine credential");
            assertEquals(List.of(), relayCandidates(page, genuine, hmac("not-the-secret", genuine)), "a forged credential");
            assertEquals(List.of(), relayCandidates(page, expired, hmac(TurnServer.SECRET, expired)), "an expired credential");
        } finally {
            page.context().close();
        }
    }

    /** The distinct types of the candidates a relay-only connection gathers with this TURN credential. */
    @SuppressWarnings("unchecked")
    private static List<String> relayCandidates(Page page, String username, String credential) {
        return (List<String>) page.evaluate("async ([urls, username, credential]) => {"
                + " const pc = new RTCPeerConnection({ iceServers: [{ urls, username, credential }], iceTransportPolicy: 'relay' });"
                + " const types = new Set(); pc.onicecandidate = (e) => { if (e.candidate) types.add(e.candidate.type); };"
                + " pc.createDataChannel('probe'); await pc.setLocalDescription(await pc.createOffer());"
                + " await new Promise((done) => { const check = () => { if (pc.iceGatheringState === 'complete') done(); };"
                + "   pc.onicegatheringstatechange = check; check(); setTimeout(done, 20000); });"
                + " pc.close(); return [...types]; }", List.of(TurnServer.URI, username, credential));
    }

    private static String hmac(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
