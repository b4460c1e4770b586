package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Publish and play through a real Janus ({@code signalbox.media.backend=janus}) with Ant Media's
 * own SDK, unchanged, in real Chromium: one upload feeds every player, Janus's faults reach the
 * clients as documented, and nothing is left behind, in Signalbox or in Janus.
 */
@ExtendWith(ArquillianExtension.class)
class SfuBroadcastIT {
    private static final int NETWORK = 7;
    private static JanusServer janus;
    private static Browsers browsers;
    private static String bundle;
    private final List<Page> pages = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(JanusServer.settings(NETWORK));
    }

    @BeforeAll
    static void start() throws Exception {
        janus = JanusServer.start(NETWORK);
        bundle = AmsSdk.browserBundle();
        // Real host candidates (no mDNS names), so the browsers' media reaches Janus over the veth pair.
        browsers = Browsers.withFlags("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--disable-features=WebRtcHideLocalIpsWithMdns");
        awaitMedia(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) {
            browsers.close();
        }
        if (janus != null) {
            janus.close();
        }
    }

    @AfterEach
    void closePagesAndCheckNothingIsLeft() throws Exception {
        pages.forEach(page -> page.context().close());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonObject registries = Server.registries();
            assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
            assertEquals(0, registries.getInt("viewers"), registries::toString);
            assertEquals(0, mediaHandles(), "handles on Janus");
        });
        if (janus != null) {
            awaitMedia(true);
            assertEquals(List.of(), janus.rooms(), "rooms left in Janus");
        }
    }

    @Test
    void antMediasSdkPublishesOnceAndThreePlayersDecodeIt() {
        String s = Ids.unique("sfu-live");
        Page publisher = publisher(s);
        Page first = player(s);
        awaitDecoding(first, s);
        double withOne = stableUploadBitsPerSecond(publisher, AMS_CONNECTION, s);
        Page second = player(s);
        Page third = player(s);
        for (Page page : List.of(first, second, third)) {
            awaitDecoding(page, s);
        }
        double withThree = stableUploadBitsPerSecond(publisher, AMS_CONNECTION, s);
        // One copy goes up whatever the audience: a mesh would send about three times as much.
        System.out.printf("SfuBroadcastIT: Ant Media SDK publisher uploads %.0f b/s with one player, %.0f with three%n", withOne, withThree);
        assertTrue(withThree <= 1.5 * withOne, "upload with three players " + withThree + " b/s, with one " + withOne);
        assertEquals(3, Server.registries().getInt("viewers"));
        Browsers.screenshot(first, "sfu-ams-player");
        publisher.evaluate("s => window.ams.stop(s)", s);
        publisher.waitForFunction("() => window.amsEvents.includes('publish_finished')");
        for (Page page : List.of(first, second, third)) {
            page.waitForFunction("() => window.amsEvents.includes('play_finished')");
        }
    }

    @Test
    void signalboxsSdkPublishesOnceAndThreePlayersDecodeIt() {
        String s = Ids.unique("sfu-sdk");
        Page[] broadcast = browsers.broadcast(s, 1);
        pages.addAll(List.of(broadcast));
        double withOne = stableUploadBitsPerSecond(broadcast[0], SDK_CONNECTION, s);
        assertEquals(1, countConnections(broadcast[0]), "the publisher's peer connections");
        for (int i = 0; i < 2; i++) {
            Page player = browsers.open("/demo/play.html?streamId=" + s);
            pages.add(player);
            Browsers.awaitConnected(player);
            player.click("#play");
            Browsers.awaitRemoteVideos(player, 1);
        }
        double withThree = stableUploadBitsPerSecond(broadcast[0], SDK_CONNECTION, s);
        System.out.printf("SfuBroadcastIT: Signalbox SDK publisher uploads %.0f b/s with one player, %.0f with three%n", withOne, withThree);
        assertTrue(withThree <= 1.5 * withOne, "upload with three players " + withThree + " b/s, with one " + withOne);
        assertEquals(1, countConnections(broadcast[0]), "the publisher's peer connections");
        Browsers.screenshot(broadcast[1], "sfu-signalbox-player");
        broadcast[0].click("#stop");
        broadcast[0].waitForFunction("() => window.demo.events.includes('publish_finished')");
    }

    @Test
    void withJanusDownReadinessIsDownAndPublishAndPlayAreMediaServerUnavailableNamingTheStream() throws Exception {
        janus.kill();
        awaitMedia(false);
        String s = Ids.unique("sfu-down");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Messages.publish(s));
            assertEquals(s, client.awaitError("media_server_unavailable").getString("streamId"));
            client.send(Messages.play(s));
            assertEquals(s, client.awaitError("media_server_unavailable").getString("streamId"));
            client.assertNothingPending();
            assertEquals(0, Server.registries().getInt("publishedStreams"));
        } finally {
            janus.startJanus();
        }
        awaitMedia(true);
    }

    @Test
    void whenJanusDiesMidBroadcastEveryoneIsToldAndTheSdkPublishesAndPlaysAgainOnceItIsBack() throws Exception {
        String s = Ids.unique("sfu-crash");
        Page publisher = publisher(s);
        Page player = player(s);
        awaitDecoding(player, s);

        janus.kill();
        publisher.waitForFunction("() => window.amsEvents.includes('publish_finished')");
        player.waitForFunction("() => window.amsEvents.includes('play_finished')");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> Server.registries().getInt("publishedStreams") == 0 && mediaHandles() == 0);

        janus.startJanus();
        awaitMedia(true);
        // Ant Media's SDK retries on its own (reconnectIfRequired) while its connections are down.
        publisher.waitForFunction("() => window.amsEvents.filter(e => e === 'publish_started').length >= 2",
                null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        player.evaluate("() => window.amsFrames = 0");
        awaitDecoding(player, s);
        publisher.evaluate("s => window.ams.stop(s)", s);
        player.evaluate("s => window.ams.stop(s)", s);
    }

    /** How the tests reach the publisher's peer connection of stream {@code s} in each SDK's page. */
    private static final String AMS_CONNECTION = "window.ams.remotePeerConnection[s]";
    private static final String SDK_CONNECTION = "window.demo.client.links.get(s).pc";

    private static int countConnections(Page publisher) {
        return ((Number) publisher.evaluate("() => window.demo.client.links.size")).intValue();
    }

    /** A page running Ant Media's WebRTCAdaptor with the options it needs here, callbacks kept in window.ams*. */
    private Page adaptor(boolean playOnly) {
        Page page = browsers.open("/");
        pages.add(page);
        page.evaluate("() => { document.body.innerHTML = '<video id=\"localVideo\" autoplay muted playsinline></video>"
                + "<div id=\"players\"></div>'; }");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(bundle));
        // The bundle's one plugin (video effects) needs a global from another package; media does not use it.
        // No STUN server: the SDK's default is a public one, and these tests reach no other host.
        page.evaluate("playOnly => { window.webrtc_adaptor.WebRTCAdaptor.pluginInitMethods.length = 0;"
                + " window.amsEvents = []; window.amsErrors = []; window.amsTracks = [];"
                + " window.ams = new window.webrtc_adaptor.WebRTCAdaptor({"
                + "  websocket_url: location.origin.replace('http', 'ws') + '/websocket',"
                + "  mediaConstraints: { video: !playOnly, audio: !playOnly }, peerconnection_config: { iceServers: [] },"
                + "  localVideoId: playOnly ? undefined : 'localVideo', isPlayMode: playOnly, debug: false,"
                + "  callback: (info, obj) => { window.amsEvents.push(info);"
                + "    if (info === 'newTrackAvailable') { window.amsTracks.push(obj.trackId);"
                + "      let v = document.getElementById('v-' + obj.streamId);"
                + "      if (!v) { v = document.createElement('video'); v.id = 'v-' + obj.streamId; v.autoplay = true; v.muted = true;"
                + "        document.getElementById('players').appendChild(v); }"
                + "      v.srcObject = obj.stream; } },"
                + "  callbackError: (error) => window.amsErrors.push(error) }); }", playOnly);
        page.waitForFunction("() => window.amsEvents.includes('initialized')");
        return page;
    }

    private Page publisher(String s) {
        Page page = adaptor(false);
        page.evaluate("s => window.ams.publish(s)", s);
        page.waitForFunction("() => window.amsEvents.includes('publish_started')");
        return page;
    }

    private Page player(String s) {
        Page page = adaptor(true);
        page.evaluate("s => window.ams.play(s)", s);
        return page;
    }

    /** Waits until the page's connection for {@code s} decodes more video frames than it had. */
    private static void awaitDecoding(Page page, String s) {
        page.waitForFunction("async s => { const pc = window.ams.remotePeerConnection[s]; if (!pc) return false;"
                + " let frames = 0; (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video')"
                + " frames += r.framesDecoded || 0; });"
                + " if (window.amsFrames === undefined || frames < window.amsFrames) { window.amsFrames = frames; return false; }"
                + " return frames > window.amsFrames + 10; }", s,
                new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(500));
    }

    /**
     * The publisher's upload for {@code s} in bits per second, once it has settled: two-second
     * windows until two in a row agree within a fifth (at most eight windows).
     */
    private static double stableUploadBitsPerSecond(Page page, String connection, String s) {
        Object rate = page.evaluate("async s => { const pc = " + connection + ";"
                + " const sent = async () => { let b = 0; (await pc.getStats()).forEach(r => { if (r.type === 'outbound-rtp') b += r.bytesSent; }); return b; };"
                + " let last = -1; for (let i = 0; i < 8; i++) { const a = await sent(); await new Promise(r => setTimeout(r, 2000));"
                + "   const rate = (await sent() - a) * 8 / 2; if (last > 0 && Math.abs(rate - last) <= last / 5) return rate; last = rate; }"
                + " return last; }", s);
        return ((Number) rate).doubleValue();
    }

    private static void awaitMedia(boolean up) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> mediaUp() == up);
    }

    private static boolean mediaUp() {
        return media().getString("status").equals("UP");
    }

    private static int mediaHandles() {
        return media().getJsonObject("data").getInt("mediaServerHandles");
    }

    private static JsonObject media() {
        JsonObject health = Server.getJson("/health/ready").asJsonObject();
        return health.getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("media")).findFirst().orElseThrow();
    }
}
