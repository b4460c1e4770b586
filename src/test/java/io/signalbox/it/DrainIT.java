package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A graceful drain in a two-node cluster behind a stand-in for a Kubernetes Service
 * ({@link ReadyProxy}: new connections go to the first ready node): {@code POST /rest/v2/drain}
 * on the node every client is on tells each session {@code server_will_stop}, refuses new
 * sessions with 1013 and turns the node not ready; the Signalbox SDK's publisher and player and
 * Ant Media's player reconnect through the same address, land on the other node, and the
 * broadcast plays again. Run by the cluster Failsafe execution (it starts its own servers).
 */
@Tag("cluster")
@Tag("browser")
class DrainIT {
    private static final String MEMBERS = "127.0.0.1:5831,127.0.0.1:5832";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LibertyNode a;
    private static LibertyNode b;
    private static ReadyProxy service;
    private static Browsers browsers;
    private static String bundle;

    @RegisterExtension
    final ThreadDumpOnFailure dumps = new ThreadDumpOnFailure("drain-a", "drain-b");

    @BeforeAll
    static void start() throws Exception {
        a = LibertyNode.start("drain-a", 19301, environment(5831));
        b = LibertyNode.start("drain-b", 19302, environment(5832));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Server.registriesAt(a.httpPort).getInt("clusterMembers") == 2);
        service = ReadyProxy.over(List.of(a.httpPort, b.httpPort));
        bundle = AmsSdk.browserBundle();
        browsers = Browsers.withFakeMedia();
    }

    private static Map<String, String> environment(int hazelcastPort) {
        return Map.of("SIGNALBOX_CLUSTER_ENABLED", "true", "SIGNALBOX_CLUSTER_NAME", "signalbox-drain-it",
                "SIGNALBOX_CLUSTER_MEMBERS", MEMBERS, "SIGNALBOX_CLUSTER_PORT", String.valueOf(hazelcastPort));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) {
            browsers.close();
        }
        if (service != null) {
            service.close();
        }
        for (LibertyNode node : new LibertyNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aDrainedNodesClientsMoveToTheOtherNodeAndTheBroadcastPlaysAgain() throws Exception {
        String s = Ids.unique("drain");
        Page publisher = browsers.openAt(service.port(), "/demo/publish.html?streamId=" + s);
        Browsers.awaitConnected(publisher);
        publisher.click("#publish");
        awaitEvent(publisher, "publish_started", 1);
        Page player = browsers.openAt(service.port(), "/demo/play.html?streamId=" + s);
        Browsers.awaitConnected(player);
        player.click("#play");
        Browsers.awaitRemoteVideos(player, 1);
        Page amsPlayer = antMediaPlayer(s);
        JsonObject onA = Server.registriesAt(a.httpPort);
        assertEquals(3, onA.getInt("sessions"), "every client came through the service to the first node: " + onA);
        assertEquals(2, onA.getInt("viewers"), onA::toString);

        try (SignalingClient bystander = SignalingClient.connectTo(a.websocket())) {
            HttpResponse<String> refused = drain(a.httpPort, TestKeys.caller("someone", "streams"));
            assertEquals(403, refused.statusCode(), "only admin or drain may drain");
            assertEquals(200, readyStatus(a.httpPort), "a refused drain changes nothing");

            HttpResponse<String> drained = drain(a.httpPort, TestKeys.caller("pre-stop", "drain"));
            assertEquals(202, drained.statusCode(), drained.body());
            JsonObject answer = Json.createReader(new StringReader(drained.body())).readObject();
            assertEquals(4, answer.getInt("told"), answer::toString);
            assertEquals(Json.createObjectBuilder().add("command", "notification").add("definition", "server_will_stop").build(),
                    bystander.awaitMessage("notification"));
            assertEquals(0, Json.createReader(new StringReader(drain(a.httpPort, TestKeys.caller("pre-stop", "drain")).body()))
                    .readObject().getInt("told"), "a second drain tells nobody again");
        }
        assertEquals(503, readyStatus(a.httpPort), "a draining node is not ready");
        assertEquals(200, readyStatus(b.httpPort));
        try (SignalingClient late = SignalingClient.connectTo(a.websocket())) {
            assertEquals(1013, late.awaitClose(), "a draining node takes no new session");
        }

        // Each SDK reconnects through the service, to node b, and asks for its streams again.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonObject onB = Server.registriesAt(b.httpPort);
            assertEquals(3, onB.getInt("sessions"), onB::toString);
            assertEquals(1, onB.getInt("publishedStreams"), onB::toString);
            assertEquals(2, onB.getInt("viewers"), onB::toString);
        });
        awaitEvent(player, "play_started", 2);
        awaitFreshFrames(player, "#remotes video");
        awaitFreshFrames(amsPlayer, "#remoteVideo");
        assertEquals(List.of(), publisher.evaluate("() => window.demo.errors"), () -> String.valueOf(publisher.evaluate(
                "() => [...document.querySelectorAll('#log li')].map(l => l.textContent.slice(0, 160)).reverse().join('\\n')")));
        // Ant Media's reconnect sends stop for its stream on the new socket, which plays nothing yet
        // (no_peer_associated_before, or no_stream_exist before the publisher is back), then plays
        // again, possibly before the publisher is back (no_stream_exist); nothing else.
        assertEquals(List.of(), amsPlayer.evaluate("() => window.amsErrors.filter(e => e !== 'no_stream_exist'"
                + " && e !== 'no_peer_associated_before')"));
        JsonObject left = Server.registriesAt(a.httpPort);
        assertEquals(0, left.getInt("sessions"), "nobody stays on the drained node: " + left);

        for (Page page : List.of(publisher, player, amsPlayer)) {
            page.context().close();
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonObject onB = Server.registriesAt(b.httpPort);
            assertEquals(0, onB.getInt("sessions"), onB::toString);
            assertEquals(0, onB.getInt("publishedStreams"), onB::toString);
        });
    }

    /** Waits until a demo page has seen {@code event} {@code times} times; says what it saw if not. */
    private static void awaitEvent(Page page, String event, int times) {
        try {
            page.waitForFunction("([e, n]) => window.demo.events.filter(x => x === e).length >= n", List.of(event, times));
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("no " + event + " x" + times + ": " + page.evaluate("() => JSON.stringify({ events: window.demo.events,"
                    + " errors: window.demo.errors, log: [...document.querySelectorAll('#log li')].slice(0, 15).map(l => l.textContent) })"), e);
        }
    }

    /** Ant Media's SDK, unchanged, playing {@code s} through the service. */
    private Page antMediaPlayer(String s) {
        Page page = browsers.openAt(service.port(), "/");
        page.evaluate("() => { document.body.innerHTML = '<video id=\"remoteVideo\" autoplay muted playsinline></video>'; }");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(bundle));
        page.evaluate("s => { window.webrtc_adaptor.WebRTCAdaptor.pluginInitMethods.length = 0;"
                + " window.amsEvents = []; window.amsErrors = [];"
                + " window.ams = new window.webrtc_adaptor.WebRTCAdaptor({"
                + "  websocket_url: location.origin.replace('http', 'ws') + '/websocket',"
                + "  mediaConstraints: { video: false, audio: false }, peerconnection_config: { iceServers: [] },"
                + "  sdp_constraints: { OfferToReceiveAudio: true, OfferToReceiveVideo: true },"
                + "  remoteVideoId: 'remoteVideo', isPlayMode: true, debug: false,"
                // Played once: after a reconnect the SDK plays again by itself (a second play here
                // would renegotiate the viewer's connection while the first offer is still open).
                + "  callback: (info) => { window.amsEvents.push(info);"
                + "    if (info === 'initialized' && !window.amsPlayed) { window.amsPlayed = true; window.ams.play(s); } },"
                + "  callbackError: (error) => window.amsErrors.push(error) }); }", s);
        page.waitForFunction("() => { const v = document.getElementById('remoteVideo');"
                + " return v.videoWidth > 0 && v.srcObject && v.srcObject.getVideoTracks().some(t => t.readyState === 'live'); }");
        return page;
    }

    /** Waits until the video {@code selector} finds shows frames it had not shown before. */
    private static void awaitFreshFrames(Page page, String selector) {
        page.evaluate("() => { window.framesSeen = -1; }");
        try {
            page.waitForFunction("sel => { const v = document.querySelector(sel); if (!v) return false;"
                    + " const n = v.getVideoPlaybackQuality().totalVideoFrames;"
                    + " if (window.framesSeen < 0 || n < window.framesSeen) { window.framesSeen = n; return false; }"
                    + " return n > window.framesSeen + 10 && v.videoWidth > 0; }",
                    selector, new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(250));
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("no fresh frames in " + selector + ": " + page.evaluate("sel => { const v = document.querySelector(sel);"
                    + " return JSON.stringify({ frames: v && v.getVideoPlaybackQuality().totalVideoFrames, width: v && v.videoWidth,"
                    + " tracks: v && v.srcObject ? v.srcObject.getTracks().map(t => t.kind + ':' + t.readyState) : null,"
                    + " events: window.amsEvents || window.demo.events, errors: window.amsErrors || window.demo.errors,"
                    + " peers: window.ams ? Object.entries(window.ams.remotePeerConnection || {}).map(([k, pc]) => k + ':' + pc.connectionState) : null }); }",
                    selector), e);
        }
    }

    private static HttpResponse<String> drain(int port, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rest/v2/drain"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int readyStatus(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
