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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code getIceServerConfig} with short-lived TURN credentials, checked by a real coturn on
 * loopback: two browsers that may use TURN alone complete a call through it with the
 * credentials the server made, and coturn itself refuses a forged or expired one.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("browser")
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

    /**
     * Ant Media's SDK as a new user tries it: no iceServers (its default asks the server, with
     * getIceServerConfig, and adds Google's STUN server to the answer), no remoteVideoId (the app
     * takes the stream from newStreamAvailable). The browser resolves no name but localhost, so
     * that STUN server is never reached: the call runs on loopback, with this server's TURN
     * server in the configuration.
     */
    @Test
    void antMediasSdkWithItsDefaultOptionsCompletesACall() throws Exception {
        String s = Ids.unique("ams-defaults");
        String bundle = AmsSdk.browserBundle();
        try (Browsers offline = Browsers.withFlags("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.local")) {
            List<Page> pages = List.of(offline.open("/"), offline.open("/"));
            for (Page page : pages) {
                page.evaluate("() => { document.body.innerHTML = '<video id=\"localVideo\" autoplay muted playsinline></video>"
                        + "<video id=\"them\" autoplay muted playsinline></video>'; }");
                page.addScriptTag(new Page.AddScriptTagOptions().setContent(bundle));
                page.evaluate("() => { window.webrtc_adaptor.WebRTCAdaptor.pluginInitMethods.length = 0;"
                        + " window.amsEvents = []; window.amsErrors = [];"
                        + " window.ams = new window.webrtc_adaptor.WebRTCAdaptor({"
                        + "  websocket_url: location.origin.replace('http', 'ws') + '/websocket', localVideoId: 'localVideo',"
                        + "  callback: (info, obj) => { window.amsEvents.push(info);"
                        + "    if (info === 'newStreamAvailable') document.getElementById('them').srcObject = obj.stream; },"
                        + "  callbackError: (error) => window.amsErrors.push(error) }); }");
                page.waitForFunction("u => window.amsEvents.includes('initialized')"
                        + " && window.ams.peerconnection_config.iceServers.some(x => x.urls === u && x.username)", TurnServer.URI);
            }
            pages.get(0).evaluate("s => window.ams.join(s)", s);
            pages.get(0).waitForFunction("() => window.amsEvents.includes('joined')");
            pages.get(1).evaluate("s => window.ams.join(s)", s);
            for (Page page : pages) {
                page.waitForFunction("() => { const v = document.getElementById('them');"
                        + " return v.videoWidth > 0 && v.srcObject.getVideoTracks().some(t => t.readyState === 'live'); }");
                assertEquals(List.of(), page.evaluate("() => window.amsErrors"));
            }
            Browsers.screenshot(pages.get(1), "ams-default-options-call");
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
