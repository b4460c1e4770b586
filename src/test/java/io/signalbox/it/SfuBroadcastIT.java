package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Publish and play through a real Janus ({@code signalbox.media.backend=janus}) with Ant Media's
 * own SDK, unchanged, in real Chromium: one upload feeds every player, Janus's faults reach the
 * clients as documented, and nothing is left behind, in Signalbox or in Janus.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("sfu")
@Tag("browser")
class SfuBroadcastIT {
    private static final int NETWORK = 7;
    private static final String ADMIN = TestKeys.caller("test-admin", "admin");
    private static JanusServer janus;
    private static Browsers browsers;
    private static String bundle;
    private static HookReceiver hooks;
    private final List<Page> pages = new ArrayList<>();

    @RegisterExtension
    final ThreadDumpOnFailure dumps = new ThreadDumpOnFailure(System.getProperty("it.server.name", "signalbox-it"));

    /** Where Janus writes recordings and Signalbox keeps them: one folder for both, as on one machine. */
    private static final Path RECORDINGS = Path.of("target", "recordings-it").toAbsolutePath();

    /** A ladder of three rungs, which the Signalbox SDK sends as three simulcast layers. */
    private static final String LADDER = "signalbox.encoder.settings=[{\"height\":720,\"videoBitrate\":1500000,\"audioBitrate\":64000},"
            + "{\"height\":360,\"videoBitrate\":500000,\"audioBitrate\":64000},{\"height\":180,\"videoBitrate\":150000,\"audioBitrate\":64000}]";

    /**
     * Janus and its namespace come first, so the deployed WAR reaches for Janus over the veth
     * pair and never, before the namespace exists, towards the machine's default route.
     */
    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        janus = JanusServer.start(NETWORK);
        hooks = HookReceiver.start();
        List<String> settings = new ArrayList<>(List.of(JanusServer.settings(NETWORK)));
        settings.add(LADDER);
        settings.add("signalbox.webhooks.url=" + hooks.url());
        Files.createDirectories(RECORDINGS);
        settings.add("signalbox.recording.directory=" + RECORDINGS);
        return Deployments.war(settings.toArray(String[]::new));
    }

    @BeforeAll
    static void start() throws Exception {
        bundle = AmsSdk.browserBundle();
        browsers = Browsers.forMediaServer();
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
        if (hooks != null) {
            hooks.close();
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
            // Rooms are destroyed off the request threads, once Janus has let go of their handles.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertEquals(List.of(), janus.rooms(), "rooms left in Janus"));
        }
    }

    /** Also on Payara Micro (the payara-protocol execution selects it by its tag). */
    @Test
    @Tag("payara-protocol")
    void antMediasSdkPublishesOnceAndThreePlayersDecodeIt() {
        String s = Ids.unique("sfu-live");
        Page publisher = publisher(s);
        Page first = player(s);
        SfuPages.awaitDecoding(first, s);
        double withOne = SfuPages.stableUploadBitsPerSecond(publisher, SfuPages.AMS_CONNECTION, s);
        Page second = player(s);
        Page third = player(s);
        for (Page page : List.of(first, second, third)) {
            SfuPages.awaitDecoding(page, s);
        }
        double withThree = SfuPages.stableUploadBitsPerSecond(publisher, SfuPages.AMS_CONNECTION, s);
        // One copy goes up whatever the audience: a mesh would send about three times as much.
        System.out.printf("SfuBroadcastIT: Ant Media SDK publisher uploads %.0f b/s with one player, %.0f with three%n", withOne, withThree);
        assertTrue(withThree <= 1.5 * withOne, "upload with three players " + withThree + " b/s, with one " + withOne);
        // Played and published again without a stop, as an app acting on every 'initialized' does
        // beside the SDK's own replay after a reconnect: answered as Ant Media answers, and Janus
        // keeps the one publisher and subscriptions it has.
        first.evaluate("s => window.ams.play(s)", s);
        publisher.evaluate("s => window.ams.publish(s)", s);
        first.waitForFunction("() => window.amsErrors.includes('already_playing')");
        publisher.waitForFunction("() => window.amsErrors.includes('already_publishing')");
        assertEquals(4, mediaHandles(), "handles on Janus: the publisher's and three players'");
        // The media metrics count the same handles, and the calls that made them.
        assertEquals(1.0, Scrape.sample("signalbox_media_publishers", null).orElseThrow());
        assertEquals(3.0, Scrape.sample("signalbox_media_viewers", null).orElseThrow());
        assertEquals(1.0, Scrape.sample("signalbox_media_reachable", null).orElseThrow());
        assertTrue(Scrape.counter("signalbox_media_call_time_seconds_count", "request=\"joinandconfigure\"") >= 1);
        assertTrue(Scrape.counter("signalbox_media_call_time_seconds_bucket", "le=\"5.0\"") >= 1, "a histogram with buckets");
        SfuPages.awaitDecoding(first, s);
        assertEquals(3, Server.registries().getInt("viewers"));
        // Ant Media's own getSubscriberCount, answered as Ant Media does.
        publisher.evaluate("s => { window.amsCount = null;"
                + " window.ams.addEventListener((info, obj) => { if (info === 'subscriberCount' && obj.streamId === s) window.amsCount = obj.count; });"
                + " window.ams.getSubscriberCount(s); }", s);
        publisher.waitForFunction("() => window.amsCount === 3");
        // Ant Media's webrtc-client-stats, from Janus's Admin API: what Janus sends each player, paged by subscriberId.
        JsonArray stats = Server.getJson("/rest/v2/broadcasts/" + s + "/webrtc-client-stats/0/10").asJsonArray();
        assertEquals(3, stats.size(), stats::toString);
        List<String> subscribers = stats.stream().map(v -> v.asJsonObject().getString("subscriberId")).toList();
        assertEquals(subscribers.stream().sorted().distinct().toList(), subscribers, "in subscriberId order");
        for (JsonValue value : stats) {
            JsonObject viewer = value.asJsonObject();
            assertTrue(viewer.getJsonNumber("videoPacketCount").longValue() > 0, viewer::toString);
            assertTrue(viewer.getJsonNumber("audioPacketCount").longValue() > 0, viewer::toString);
            assertTrue(viewer.getInt("sendBitrate") > 0, viewer::toString);
            // The browser's side of Janus's selected ICE pair (Chromium runs outside the namespace, with more than one address).
            assertTrue(viewer.getString("clientIp").matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), viewer::toString);
        }
        assertEquals(List.of(subscribers.get(1)), Server.getJson("/rest/v2/broadcasts/" + s + "/webrtc-client-stats/1/1").asJsonArray()
                .stream().map(v -> v.asJsonObject().getString("subscriberId")).toList(), "a page of one from 1");
        Browsers.screenshot(first, "sfu-ams-player");
        publisher.evaluate("s => window.ams.stop(s)", s);
        publisher.waitForFunction("() => window.amsEvents.includes('publish_finished')");
        for (Page page : List.of(first, second, third)) {
            page.waitForFunction("() => window.amsEvents.includes('play_finished')");
        }
        // Ant Media's hooks, once each: the stream went live once its media reached Janus, three
        // players started once theirs came, and each stopped when the stream ended.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertEquals(
                List.of("liveStreamEnded", "liveStreamStarted", "playStarted", "playStarted", "playStarted",
                        "playStopped", "playStopped", "playStopped"),
                hooks.requests(r -> s.equals(r.field("id"))).stream().map(r -> r.field("action")).sorted().toList()));
        assertEquals(3, hooks.requests(r -> s.equals(r.field("id")) && "playStarted".equals(r.field("action")))
                .stream().map(r -> r.field("subscriberId")).distinct().count(), "the players' subscriberIds");
    }

    @Test
    void signalboxsSdkPublishesOnceAndThreePlayersDecodeIt() {
        String s = Ids.unique("sfu-sdk");
        Page[] broadcast = browsers.broadcast(s, 1);
        pages.addAll(List.of(broadcast));
        double withOne = SfuPages.stableUploadBitsPerSecond(broadcast[0], SfuPages.SDK_CONNECTION, s);
        assertEquals(1, countConnections(broadcast[0]), "the publisher's peer connections");
        for (int i = 0; i < 2; i++) {
            Page player = browsers.open("/demo/play.html?streamId=" + s);
            pages.add(player);
            Browsers.awaitConnected(player);
            player.click("#play");
            Browsers.awaitRemoteVideos(player, 1);
        }
        double withThree = SfuPages.stableUploadBitsPerSecond(broadcast[0], SfuPages.SDK_CONNECTION, s);
        System.out.printf("SfuBroadcastIT: Signalbox SDK publisher uploads %.0f b/s with one player, %.0f with three%n", withOne, withThree);
        assertTrue(withThree <= 1.5 * withOne, "upload with three players " + withThree + " b/s, with one " + withOne);
        assertEquals(1, countConnections(broadcast[0]), "the publisher's peer connections");
        // The live figures: one connection up, whatever the audience, feeding the three viewers the
        // server counts; the player shows what it decodes.
        broadcast[0].waitForFunction("s => Object.keys(window.demo.stats || {}).length === 1 && window.demo.stats[s].sent > 0", s);
        broadcast[0].waitForFunction("s => window.demo.viewers[s] === 3", s);
        broadcast[1].waitForFunction("s => (window.demo.stats?.[s]?.height || 0) > 0 && window.demo.stats[s].received > 0", s);
        Browsers.screenshot(broadcast[0], "sfu-signalbox-publisher");
        Browsers.screenshot(broadcast[1], "sfu-signalbox-player");
        broadcast[0].click("#stop");
        broadcast[0].waitForFunction("() => window.demo.events.includes('publish_finished')");
    }

    @Test
    void getStreamInfoListsTheLayersJanusReceivesAndForceStreamQualityToTheLowestRungSendsThePlayerItsSmallest() {
        String s = Ids.unique("sfu-layers");
        Page publisher = browsers.open("/demo/publish.html?streamId=" + s + "&height=720");
        pages.add(publisher);
        Browsers.awaitConnected(publisher);
        publisher.click("#publish");
        publisher.waitForFunction("() => window.demo.events.includes('publish_started')");
        assertEquals(3, ((Number) publisher.evaluate("s => window.demo.client.links.get(s).pc.getSenders()"
                + ".find(x => x.track && x.track.kind === 'video').getParameters().encodings.length", s)).intValue(),
                "simulcast layers the publisher sends");
        Page player = browsers.open("/demo/play.html?streamId=" + s);
        pages.add(player);
        Browsers.awaitConnected(player);
        player.click("#play");
        Browsers.awaitRemoteVideos(player, 1);
        awaitDecodedHeight(player, s, "h => h >= 540");
        try (SignalingClient anyone = SignalingClient.connect()) {
            awaitStreamInfo(anyone, s, List.of(720, 360, 180));
            player.evaluate("s => window.demo.client.forceStreamQuality(s, 180)", s);
            player.waitForFunction("() => window.demo.events.includes('resolutionChangeInfo')");
            awaitDecodedHeight(player, s, "h => h > 0 && h <= 270");
            Browsers.screenshot(player, "sfu-lowest-layer");
            // The publisher stops sending its top layer (rid h, listed first): Janus notices it missing, and so does getStreamInfo.
            publisher.evaluate("async s => { const sender = window.demo.client.links.get(s).pc.getSenders()"
                    + ".find(x => x.track && x.track.kind === 'video'); const p = sender.getParameters();"
                    + " p.encodings[0].active = false; await sender.setParameters(p); }", s);
            awaitStreamInfo(anyone, s, List.of(360, 180));
        }
        publisher.click("#stop");
        publisher.waitForFunction("() => window.demo.events.includes('publish_finished')");
    }

    /** Asks getStreamInfo until it lists {@code heights} (Janus reports a layer stopping after its no-media timer, 5 s). */
    private static void awaitStreamInfo(SignalingClient client, String s, List<Integer> heights) {
        List<List<Integer>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            client.send(jakarta.json.Json.createObjectBuilder().add("command", "getStreamInfo").add("streamId", s).build());
            JsonObject info = client.awaitMessage("streamInformation");
            List<Integer> listed = info.getJsonArray("streamInfo").stream()
                    .map(rung -> rung.asJsonObject().getInt("streamHeight")).toList();
            seen.add(listed);
            assertEquals(heights, listed, "getStreamInfo of " + s + " over time: " + seen);
        });
    }

    /** Waits until the height of the video the player decodes for {@code s} passes {@code test}. */
    private static void awaitDecodedHeight(Page player, String s, String test) {
        SfuPages.awaitInPage(player, "async ([s, test]) => { const pc = window.demo.client.links.get(s)?.pc; if (!pc) return false;"
                + " let h = 0; (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') h = r.frameHeight || 0; });"
                + " return eval(test)(h); }", List.of(s, test), Duration.ofSeconds(45));
    }

    @Test
    void withJanusDownReadinessIsDownAndPublishAndPlayAreMediaServerUnavailableNamingTheStream() throws Exception {
        janus.kill();
        awaitMedia(false);
        assertEquals(0.0, Scrape.sample("signalbox_media_reachable", null).orElseThrow());
        double unavailable = Scrape.counter("signalbox_errors_total", "definition=\"media_server_unavailable\"");
        String s = Ids.unique("sfu-down");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Messages.publish(s));
            assertEquals(s, client.awaitError("media_server_unavailable").getString("streamId"));
            client.send(Messages.play(s));
            assertEquals(s, client.awaitError("media_server_unavailable").getString("streamId"));
            client.assertNothingPending();
            assertEquals(0, Server.registries().getInt("publishedStreams"));
            assertEquals(unavailable + 2, Scrape.counter("signalbox_errors_total", "definition=\"media_server_unavailable\""));
        } finally {
            janus.startJanus();
        }
        awaitMedia(true);
    }

    /**
     * Janus stopped in its tracks (SIGSTOP), as a hung media server: what needs no media answers
     * at once, also while a conference's room is being dropped on it; a publish gets
     * media_server_unavailable, naming the stream, within the request timeout (5 s by default);
     * once Janus runs again, publish and play work, and Janus keeps no room.
     */
    @Test
    void whileJanusIsStalledWhatNeedsNoMediaAnswersAtOnceAndAPublishIsMediaServerUnavailableThenAllWorksAgain() throws Exception {
        String room = Ids.unique("sfu-stall-room");
        String member = Ids.unique("sfu-stall-member");
        String missing = Ids.unique("sfu-stall-missing");
        String stalled = Ids.unique("sfu-stall-publish");
        try (SignalingClient inRoom = SignalingClient.connect(); SignalingClient probe = SignalingClient.connect();
                SignalingClient publishing = SignalingClient.connect()) {
            inRoom.send(jakarta.json.Json.createObjectBuilder(Messages.publish(member)).add("mainTrack", room).build());
            inRoom.awaitMessage("start");
            janus.pause();
            try {
                // The conference's last member stops: its room is dropped on the stalled Janus.
                inRoom.send(Messages.stop(member));
                assertAnsweredWithinASecond(inRoom, "stop of the last member", c -> c.awaitNotification("publish_finished"));
                assertAnsweredWithinASecond(probe, "ping", c -> c.send(jakarta.json.Json.createObjectBuilder()
                        .add("command", "ping").build()).awaitMessage("pong"));
                assertAnsweredWithinASecond(probe, "P2P join", c -> c.send(Messages.join(Ids.unique("sfu-stall-p2p")))
                        .awaitNotification("joined"));
                assertAnsweredWithinASecond(probe, "joinRoom", c -> c.send(Messages.joinRoom(Ids.unique("sfu-stall-mesh"), null))
                        .awaitNotification("joinedTheRoom"));
                assertAnsweredWithinASecond(probe, "play of a missing stream", c -> c.send(Messages.play(missing))
                        .awaitError("no_stream_exist"));
                long start = System.nanoTime();
                publishing.send(Messages.publish(stalled));
                JsonObject refused = publishing.awaitMessage("error", Duration.ofSeconds(15));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("SfuBroadcastIT: a publish on the stalled Janus was refused after %d ms%n", millis);
                assertEquals("media_server_unavailable", refused.getString("definition"), refused::toString);
                assertEquals(stalled, refused.getString("streamId"));
                assertTrue(millis < 6_500, "refused after " + millis + " ms; the request timeout is 5 s");
                assertEquals(0, Server.registries().getInt("publishedStreams"), "streams left while Janus is stalled");
            } finally {
                janus.resume();
            }
        }
        awaitMedia(true);
        String s = Ids.unique("sfu-after-stall");
        Page publisher = publisher(s);
        Page player = player(s);
        SfuPages.awaitDecoding(player, s);
        publisher.evaluate("s => window.ams.stop(s)", s);
        player.waitForFunction("() => window.amsEvents.includes('play_finished')");
        // The conference's room, whose destroy Janus could not answer while stopped, goes once it answers.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(List.of(), janus.rooms(), "rooms left in Janus"));
    }

    /** Runs {@code exchange} on {@code client} and checks its answer came within a second. */
    private static void assertAnsweredWithinASecond(SignalingClient client, String what,
            java.util.function.Consumer<SignalingClient> exchange) {
        long start = System.nanoTime();
        exchange.accept(client);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("SfuBroadcastIT: %s answered in %d ms while Janus is stalled%n", what, millis);
        assertTrue(millis < 1_000, what + " answered after " + millis + " ms");
    }

    @Test
    void whenJanusDiesMidBroadcastEveryoneIsToldItsRecordingIsKeptAndBothSdksPublishAndPlayAgainOnceItIsBack() throws Exception {
        String s = Ids.unique("sfu-crash");
        Page publisher = publisher(s);
        Page player = player(s);
        SfuPages.awaitDecoding(player, s);
        String t = Ids.unique("sfu-crash-sdk");
        Page[] sdk = browsers.broadcast(t, 1);
        pages.addAll(List.of(sdk));
        // s records when Janus dies: what Janus wrote is converted and kept.
        assertEquals(200, Server.request("PUT", "/rest/v2/broadcasts/" + s + "/recording/true?recordType=webm", "", ADMIN).statusCode());
        long framesBefore = framesSent(publisher, s);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> framesSent(publisher, s) >= framesBefore + 60);

        janus.kill();
        publisher.waitForFunction("() => window.amsEvents.includes('publish_finished')");
        player.waitForFunction("() => window.amsEvents.includes('play_finished')");
        sdk[0].waitForFunction("() => window.demo.events.includes('publish_finished')");
        sdk[1].waitForFunction("() => window.demo.events.includes('play_finished')");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> Server.registries().getInt("publishedStreams") == 0 && mediaHandles() == 0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> !hooks.requests(h -> s.equals(h.field("id")) && "vodReady".equals(h.field("action"))).isEmpty());
        String vodId = hooks.requests(h -> s.equals(h.field("id")) && "vodReady".equals(h.field("action"))).get(0).field("vodId");
        JsonObject cut = Server.getJson("/rest/v2/vods/" + vodId).asJsonObject();
        assertTrue(cut.getJsonNumber("duration").longValue() >= 1500, "the 60 frames before Janus died, at least: " + cut);
        assertEquals(List.of(), mjrFiles(s), "converted, the tracks are gone");
        assertEquals(200, Server.delete("/rest/v2/vods/" + vodId).statusCode());

        janus.startJanus();
        awaitMedia(true);
        // Ant Media's SDK retries on its own (reconnectIfRequired), Signalbox's with backoff up to 10 s.
        Page.WaitForFunctionOptions aMinute = new Page.WaitForFunctionOptions().setTimeout(60_000);
        publisher.waitForFunction("() => window.amsEvents.filter(e => e === 'publish_started').length >= 2", null, aMinute);
        sdk[0].waitForFunction("() => window.demo.events.filter(e => e === 'publish_started').length >= 2", null, aMinute);
        sdk[1].waitForFunction("() => window.demo.events.filter(e => e === 'play_started').length >= 2", null, aMinute);
        player.evaluate("() => window.amsFrames = 0");
        SfuPages.awaitDecoding(player, s);
        Browsers.awaitRemoteVideos(sdk[1], 1);
        publisher.evaluate("s => window.ams.stop(s)", s);
        player.evaluate("s => window.ams.stop(s)", s);
        sdk[0].click("#stop");
        sdk[0].waitForFunction("() => window.demo.events.filter(e => e === 'publish_finished').length >= 2");
    }

    /**
     * A publish, and then a play, whose connection to Janus never comes up (relay-only ICE with no
     * TURN server: no candidate at all) is stopped by Signalbox's SDK after 15 s and asked for
     * again; the second try, with ICE as usual, carries the media.
     */
    @Test
    void signalboxsSdkAsksAgainForAPublishOrPlayWhoseConnectionNeverComesUp() {
        String s = Ids.unique("sfu-stuck");
        Page publisher = stuckUntilFinished("/demo/publish.html?relay=1&streamId=" + s, "publish_finished");
        publisher.click("#publish");
        Page.WaitForFunctionOptions aMinute = new Page.WaitForFunctionOptions().setTimeout(60_000);
        publisher.waitForFunction("() => window.demo.events.includes('publish_started')", null, aMinute);
        assertEquals(List.of("publish_finished", "publish_started"),
                publisher.evaluate("() => window.demo.events.filter(e => e.startsWith('publish_'))"), "the publisher's events");

        Page player = stuckUntilFinished("/demo/play.html?relay=1&streamId=" + s, "play_finished");
        player.click("#play");
        player.waitForFunction("() => window.demo.events.includes('play_started')", null, aMinute);
        Browsers.awaitRemoteVideos(player, 1);
        assertEquals(List.of("play_finished", "play_started"),
                player.evaluate("() => window.demo.events.filter(e => e.startsWith('play_'))"), "the player's events");
        assertEquals(1, Server.registries().getInt("viewers"));
        for (Page page : List.of(publisher, player)) {
            assertEquals(List.of(), page.evaluate("() => window.demo.errors"), "errors on the page");
        }
        publisher.click("#stop");
        player.waitForFunction("() => window.demo.events.filter(e => e === 'play_finished').length === 2");
    }

    /**
     * Ant Media's recording call on a stream Ant Media's SDK publishes through Janus: about five
     * seconds recorded, then stopped; the tracks become one file of the type asked for (ffprobe
     * finds VP8 and Opus in a WebM, H.264 and AAC in an MP4, as long as was recorded), kept as a
     * VoD that is listed and announced by vodReady, served with ranges to a player of the stream
     * and decoded by a {@code <video>}, and deleted with its file; no track file is left.
     * Refusals change nothing, each by its name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"webm", "mp4"})
    void antMediasRecordingCallRecordsAStreamIntoAVodAnnouncedByVodReady(String type) throws Exception {
        String s = Ids.unique("sfu-rec-" + type);
        Page publisher = publisher(s);
        String recording = "/rest/v2/broadcasts/" + s + "/recording/";
        assertRestError(Server.request("PUT", recording + "false", "", ADMIN), 409, "not_recording");
        assertRestError(Server.request("PUT", recording + "true?recordType=flv", "", ADMIN), 400, "unsupported_record_type");
        assertRestError(Server.request("PUT", "/rest/v2/broadcasts/" + s + "-none/recording/true", "", ADMIN), 404, "no_stream_exist");
        assertEquals(401, Server.requestWithAuthorization("PUT", recording + "true", "", null).statusCode());
        assertEquals(List.of(), mjrFiles(s), "nothing recorded by a refusal");

        long framesBefore = framesSent(publisher, s);
        long startedAt = System.nanoTime();
        HttpResponse<String> started = Server.request("PUT", recording + "true?recordType=" + type, "", ADMIN);
        assertEquals(200, started.statusCode(), started.body());
        String vodId = Server.json(started).getString("dataId");
        assertEquals("started", Server.json(started).getString("message"));
        assertRestError(Server.request("PUT", recording + "true", "", ADMIN), 409, "already_recording");
        // About five seconds of video (150 frames at 30 a second), as the publisher's own count says.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> framesSent(publisher, s) >= framesBefore + 150);
        HttpResponse<String> stopped = Server.request("PUT", recording + "false", "", ADMIN);
        double recordedSeconds = (System.nanoTime() - startedAt) / 1e9;
        assertEquals(200, stopped.statusCode(), stopped.body());
        assertEquals(vodId, Server.json(stopped).getString("dataId"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> !hooks.requests(h -> s.equals(h.field("id")) && "vodReady".equals(h.field("action"))).isEmpty());
        HookReceiver.Request ready = hooks.requests(h -> s.equals(h.field("id")) && "vodReady".equals(h.field("action"))).get(0);
        assertEquals(vodId, ready.field("vodId"));
        JsonObject vod = Server.getJson("/rest/v2/vods/" + vodId).asJsonObject();
        assertEquals(s, vod.getString("streamId"));
        assertEquals(ready.field("vodName"), vod.getString("vodName"));
        assertEquals("streamVod", vod.getString("type"));
        assertTrue(Server.getJson("/rest/v2/vods/list/0/50").asJsonArray().contains(vod));
        Path file = Path.of(vod.getString("filePath"));
        assertEquals(RECORDINGS, file.getParent());
        assertEquals(Files.size(file), vod.getJsonNumber("fileSize").longValue());

        JsonObject probed = ffprobe(file);
        List<String> codecs = probed.getJsonArray("streams").stream().map(v -> v.asJsonObject().getString("codec_name")).sorted().toList();
        assertEquals(type.equals("mp4") ? List.of("aac", "h264") : List.of("opus", "vp8"), codecs, probed::toString);
        assertTrue(file.getFileName().toString().endsWith("." + type), file::toString);
        double duration = Double.parseDouble(probed.getJsonObject("format").getString("duration"));
        System.out.printf("SfuBroadcastIT: recorded %.2f s between the calls; the %s file lasts %.2f s%n", recordedSeconds, type, duration);
        assertEquals(recordedSeconds, duration, 1.0, "the file lasts as long as was recorded");
        assertEquals(duration * 1000, vod.getJsonNumber("duration").doubleValue(), 50);
        assertEquals(List.of(), mjrFiles(s), "the track files are gone once converted");

        // The file, at Ant Media's path, to a player of the stream (a play token), with ranges; to nobody else.
        String url = "/streams/" + vod.getString("vodName");
        String token = "?token=" + playToken(s);
        assertEquals(401, fetch(url, null).statusCode());
        assertEquals(403, fetch(url + "?token=" + playToken(s + "-other"), null).statusCode());
        byte[] bytes = Files.readAllBytes(file);
        HttpResponse<byte[]> whole = fetch(url + token, null);
        assertEquals(200, whole.statusCode());
        assertEquals("video/" + type, whole.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(java.util.Arrays.equals(bytes, whole.body()), "the whole file");
        HttpResponse<byte[]> part = fetch(url + token, "bytes=100-199");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/" + bytes.length, part.headers().firstValue("Content-Range").orElse(""));
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(bytes, 100, 200), part.body()), "bytes 100 to 199");
        assertEquals(416, fetch(url + token, "bytes=" + bytes.length + "-").statusCode());
        for (String outside : List.of("/streams/..%2F..%2F..%2Fetc%2Fpasswd", "/streams/../../pom.xml", "/streams/", "/streams/" + s + ".webm")) {
            HttpResponse<byte[]> refused = fetch(outside + token, null);
            assertTrue(refused.statusCode() == 404 || refused.statusCode() == 400, outside + " answered " + refused.statusCode());
        }
        // A <video> in Chromium plays it from its URL, seeking through ranges, and decodes its frames.
        Page viewer = browsers.open("/");
        pages.add(viewer);
        viewer.evaluate("src => { const v = document.createElement('video'); v.id = 'vod'; v.muted = true; v.src = src;"
                + " document.body.appendChild(v); v.play(); }", Server.http(url + token).toString());
        SfuPages.awaitInPage(viewer, "async () => { const v = document.getElementById('vod');"
                + " return v.getVideoPlaybackQuality().totalVideoFrames > 30 && v.videoWidth > 0; }", null, Duration.ofSeconds(30));

        HttpResponse<String> deleted = Server.delete("/rest/v2/vods/" + vodId);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertFalse(Files.exists(file), "the file goes with the VoD");
        assertRestError(Server.get("/rest/v2/vods/" + vodId), 404, "no_vod_exist");
        assertEquals(404, fetch(url + token, null).statusCode(), "the file is gone with its VoD");
        publisher.evaluate("s => window.ams.stop(s)", s);
        publisher.waitForFunction("() => window.amsEvents.includes('publish_finished')");
    }

    /**
     * Ant Media's recording call on a registered stream that is not live sets its webMEnabled: the
     * stream records from its first frame once published, until its publisher stops, and the
     * recording is converted and announced as any other.
     */
    @Test
    void aRegisteredStreamSetToRecordRecordsFromItsFirstFrameUntilItsPublisherStops() throws Exception {
        String s = Ids.unique("sfu-rec-first");
        assertEquals(200, Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\"}").statusCode());
        try {
            HttpResponse<String> set = Server.request("PUT", "/rest/v2/broadcasts/" + s + "/recording/true?recordType=webm", "", ADMIN);
            assertEquals(200, set.statusCode(), set.body());
            assertFalse(Server.json(set).containsKey("dataId"), "no recording yet: " + set.body());
            assertEquals(1, Server.getJson("/rest/v2/broadcasts/" + s).asJsonObject().getInt("webMEnabled"));
            assertEquals(List.of(), mjrFiles(s));
            Page publisher = publisher(s);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> !mjrFiles(s).isEmpty());
            long framesBefore = framesSent(publisher, s);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> framesSent(publisher, s) >= framesBefore + 60);
            publisher.evaluate("s => window.ams.stop(s)", s);
            publisher.waitForFunction("() => window.amsEvents.includes('publish_finished')");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !hooks.requests(h -> s.equals(h.field("id")) && "vodReady".equals(h.field("action"))).isEmpty());
            String vodId = hooks.requests(h -> s.equals(h.field("id")) && "vodReady".equals(h.field("action"))).get(0).field("vodId");
            JsonObject vod = Server.getJson("/rest/v2/vods/" + vodId).asJsonObject();
            assertTrue(vod.getString("vodName").endsWith(".webm"), vod::toString);
            assertTrue(vod.getJsonNumber("duration").longValue() >= 2000, "at least the 60 frames awaited: " + vod);
            assertEquals(List.of(), mjrFiles(s));
            assertEquals(200, Server.delete("/rest/v2/vods/" + vodId).statusCode());
        } finally {
            Server.delete("/rest/v2/broadcasts/" + s);
        }
    }

    private static String playToken(String s) {
        return TestKeys.sign(TestKeys.claims(c -> {
            c.setClaim("type", "play");
            c.setClaim("streamId", s);
        }));
    }

    /** A GET of {@code path} on the server, with a {@code Range} header when one is given; the body as bytes. */
    private static HttpResponse<byte[]> fetch(String path, String range) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(Server.http(path)).timeout(Duration.ofSeconds(10));
        if (range != null) {
            request.header("Range", range);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The video frames {@code s}'s publisher has sent, as its connection counts them. */
    private static long framesSent(Page publisher, String s) {
        Object frames = publisher.evaluate("async s => { let n = 0; (await window.ams.remotePeerConnection[s].getStats()).forEach(r => {"
                + " if (r.type === 'outbound-rtp' && r.kind === 'video') n += r.framesSent || 0; }); return n; }", s);
        return ((Number) frames).longValue();
    }

    private static List<Path> mjrFiles(String s) throws IOException {
        try (Stream<Path> files = Files.list(RECORDINGS)) {
            return files.filter(f -> f.getFileName().toString().startsWith(s + "-") && f.toString().endsWith(".mjr")).toList();
        }
    }

    /**
     * What Debian's ffprobe finds in {@code file}: its streams and format, as JSON.
     * The JSON comes on ffprobe's standard output alone: what it logs goes to its standard error,
     * which is kept apart (a log line before the JSON once broke the parse) and printed, so a
     * warning about a file shows in the test's output.
     */
    private static JsonObject ffprobe(Path file) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Path.of("target"), "ffprobe-", ".log");
        try {
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", file.toString())
                    .redirectError(log.toFile()).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "ffprobe finished");
            String logged = Files.readString(log);
            if (!logged.isBlank()) {
                System.out.printf("SfuBroadcastIT: ffprobe of %s logged: %s%n", file.getFileName(), logged.strip());
            }
            assertEquals(0, probe.exitValue(), logged);
            return Json.createReader(new StringReader(output)).readObject();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void assertRestError(HttpResponse<String> response, int status, String definition) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Messages.expectedRestError(definition), Server.json(response));
    }

    /** A demo page whose client offers relay-only ICE until {@code finished} arrives, then ICE as usual. */
    private Page stuckUntilFinished(String path, String finished) {
        Page page = browsers.open(path);
        pages.add(page);
        Browsers.awaitConnected(page);
        SfuPages.stuckUntil(page, finished);
        return page;
    }

    private static void awaitMedia(boolean up) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> mediaUp() == up);
    }

    private static boolean mediaUp() {
        return SfuPages.mediaAt(Server.PORT).getString("status").equals("UP");
    }

    private static int mediaHandles() {
        return SfuPages.mediaHandlesAt(Server.PORT);
    }

    private static int countConnections(Page publisher) {
        return ((Number) publisher.evaluate("() => window.demo.client.links.size")).intValue();
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

    private Page adaptor(boolean playOnly) {
        Page page = SfuPages.adaptor(browsers, bundle, Server.PORT, playOnly);
        pages.add(page);
        return page;
    }
}
