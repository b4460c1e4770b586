package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * WHIP ingest (RFC 9725) through a real Janus: WHIP clients in real Chromium (one written here,
 * one from npm, unchanged) and a browserless encoder (werift in Node) publish, Ant Media's SDK and Signalbox's SDK play with decoded frames,
 * PATCH trickles and restarts ICE, DELETE and a hang-up end the stream for its players, and every
 * refusal answers in the catalogue's words; nothing is left in Signalbox or Janus.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("sfu")
@Tag("browser")
class WhipIT {
    private static final int NETWORK = 12;
    private static final int CONNECT_TIMEOUT_SECONDS = 6;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static JanusServer janus;
    private static HookReceiver hooks;
    private static Browsers browsers;
    private static String bundle;
    private final List<Page> pages = new ArrayList<>();

    @RegisterExtension
    final ThreadDumpOnFailure dumps = new ThreadDumpOnFailure(System.getProperty("it.server.name", "signalbox-it"));

    /** Janus first, so that the WAR reaches for it over the veth pair; publishing needs a token. */
    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        janus = JanusServer.start(NETWORK);
        List<String> settings = new ArrayList<>(List.of(JanusServer.settings(NETWORK)));
        settings.add("signalbox.security.token-required=publish");
        settings.add("signalbox.whip.connect-timeout-seconds=" + CONNECT_TIMEOUT_SECONDS);
        settings.add("signalbox.streams.publish-timeout-seconds=" + CONNECT_TIMEOUT_SECONDS);
        hooks = HookReceiver.start();
        settings.add("signalbox.webhooks.url=" + hooks.url());
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
            assertEquals(0, registries.getInt("whipSessions"), registries::toString);
            assertEquals(0, SfuPages.mediaHandlesAt(Server.PORT), "handles on Janus");
        });
        awaitMedia(true);
        // Rooms are destroyed off the request threads, once Janus has let go of their handles.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertEquals(List.of(), janus.rooms(), "rooms left in Janus"));
    }

    @Test
    void aWhipClientPublishesTrickledBothSdksPlayItIceRestartsAndDeleteEndsItForThePlayers() {
        String s = Ids.unique("whip-ours");
        Page publisher = page();
        WhipClients.ours(publisher);
        JsonObject created = whip(publisher, s, publishToken(s));
        assertEquals(201, created.getInt("status"), created::toString);
        assertEquals("application/sdp", created.getString("type"));
        assertTrue(created.getString("body").startsWith("v=0"), "the answer");
        String resource = created.getString("location");
        assertTrue(resource.startsWith("/whip/" + s + "/"), resource);
        assertEquals("application/trickle-ice-sdpfrag", created.getString("acceptPatch"));
        assertTrue(created.getString("etag").startsWith("\""), created::toString);
        assertTrue(created.isNull("link"), "no ICE server is configured, so no Link: " + created);

        Page ams = amsPlaying(s);
        Page sdk = browsers.open("/demo/play.html?streamId=" + s);
        pages.add(sdk);
        Browsers.awaitConnected(sdk);
        sdk.click("#play");
        Browsers.awaitRemoteVideos(sdk, 1);
        publisher.waitForFunction("() => window.w.patches.length > 0");
        assertTrue(WhipClients.patches(publisher).stream().allMatch(status -> status == 204), "trickle PATCHes: " + WhipClients.patches(publisher));
        JsonObject registries = Server.registries();
        assertEquals(1, registries.getInt("whipSessions"));
        assertEquals(2, registries.getInt("viewers"));
        try (SignalingClient anyone = SignalingClient.connect()) {
            anyone.send(Json.createObjectBuilder().add("command", "getSubscriberCount").add("streamId", s).build());
            assertEquals(2, anyone.awaitNotification("subscriberCount").getInt("count"));
        }

        // ICE restart: new credentials both ways, a new ETag, and the media goes on.
        String before = created.getString("etag");
        @SuppressWarnings("unchecked")
        Map<String, Object> restarted = (Map<String, Object>) publisher.evaluate("t => window.whipRestart(window.w, t)", publishToken(s));
        assertEquals(200, ((Number) restarted.get("status")).intValue(), restarted::toString);
        assertEquals("application/trickle-ice-sdpfrag", restarted.get("type"));
        assertNotEquals(before, restarted.get("etag"));
        assertTrue(((String) restarted.get("fragment")).contains("a=candidate:"), restarted::toString);
        publisher.waitForFunction("() => ['connected', 'completed'].includes(window.w.pc.iceConnectionState)");
        ams.evaluate("() => window.amsFrames = undefined");
        SfuPages.awaitDecoding(ams, s);
        HttpResponse<String> stale = send(request(resource, publishToken(s)).header("Content-Type", "application/trickle-ice-sdpfrag")
                .header("If-Match", before).method("PATCH", HttpRequest.BodyPublishers.ofString("a=end-of-candidates\r\n")));
        assertRestError(stale, 412, "etag_mismatch");

        HttpResponse<String> deleted = send(request(resource, publishToken(s)).DELETE());
        assertEquals(200, deleted.statusCode(), deleted.body());
        awaitPlayFinished(ams);
        sdk.waitForFunction("() => window.demo.events.includes('play_finished')");
        assertRestError(send(request(resource, publishToken(s)).DELETE()), 404, "no_stream_exist");
        assertRestError(send(request(resource, publishToken(s)).header("Content-Type", "application/trickle-ice-sdpfrag")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("a=end-of-candidates\r\n"))), 404, "no_stream_exist");
    }

    @Test
    void medoozesWhipClientFromNpmPublishesUnchangedAndItsStopEndsTheStream() throws Exception {
        String s = Ids.unique("whip-medooze");
        Page publisher = page();
        WhipClients.medooze(publisher);
        publisher.evaluate("async ([url, token]) => { const media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });"
                + " const pc = new RTCPeerConnection({ iceServers: [] });"
                + " media.getTracks().forEach(t => pc.addTransceiver(t, { direction: 'sendonly' }));"
                + " window.client = new window.WHIPClient(); await window.client.publish(pc, url, token); }",
                List.of(Server.http("/whip/" + s).toString(), publishToken(s)));
        Page ams = amsPlaying(s);
        publisher.evaluate("() => window.client.stop()");
        awaitPlayFinished(ams);
    }

    @Test
    void aPublisherThatGoesAwayWithoutDeleteEndsItsStreamWhenJanusHangsUp() {
        String s = Ids.unique("whip-gone");
        Page publisher = page();
        WhipClients.ours(publisher);
        assertEquals(201, whip(publisher, s, publishToken(s)).getInt("status"));
        Page ams = amsPlaying(s);
        publisher.evaluate("() => window.w.pc.close()");
        awaitPlayFinished(ams);
    }

    /**
     * The publisher's tab goes away without closing its connection, so Janus never hangs up
     * (Janus 1.1.2 has no ICE consent freshness): its video stops, Janus reports that after its
     * no-media timer, and the session ends once none came for the connect timeout.
     */
    @Test
    void aPublisherThatVanishesEndsItsStreamOnceItsVideoHasStoppedForTheTimeout() {
        String s = Ids.unique("whip-vanished");
        Page publisher = browsers.open("/");
        WhipClients.ours(publisher);
        assertEquals(201, whip(publisher, s, publishToken(s)).getInt("status"));
        Page ams = amsPlaying(s);
        publisher.context().close();
        awaitPlayFinished(ams);
    }

    /**
     * A browserless encoder (werift from npm, not a browser) publishes a clip encoded ahead of time,
     * VP8 and Opus, with one POST of a complete offer, as OBS does; Ant Media's SDK decodes it, and
     * its DELETE ends the stream for the player.
     */
    @Test
    void aBrowserlessEncoderPublishesWithOnePostAntMediasSdkDecodesItAndItsDeleteEndsIt() throws Exception {
        String s = Ids.unique("whip-werift");
        try (NodeClient encoder = NodeClient.whip(Server.http("/whip/" + s).toString(), publishToken(s), janus.hostAddress(), false)) {
            assertEquals(201, encoder.await("published", NodeClient.STARTING).getInt("status"));
            encoder.await("connected", Duration.ofSeconds(20));
            Page ams = amsPlaying(s);
            encoder.send("delete");
            assertEquals(200, encoder.await("deleted", Duration.ofSeconds(20)).getInt("status"));
            awaitPlayFinished(ams);
        }
    }

    /**
     * An encoder sending audio alone vanishes (killed: no DELETE, no DTLS close). Janus reports
     * its audio stopped after its no-media timer, and the stream ends once nothing came in for
     * the connect timeout, with the end hook; its video never came, so it is not what is watched.
     */
    @Test
    void anAudioOnlyEncoderThatVanishesEndsItsStreamOnceNothingCameInForTheTimeout() throws Exception {
        String s = Ids.unique("whip-audio");
        try (NodeClient encoder = NodeClient.whip(Server.http("/whip/" + s).toString(), publishToken(s), janus.hostAddress(), true)) {
            assertEquals(201, encoder.await("published", NodeClient.STARTING).getInt("status"));
            encoder.await("connected", Duration.ofSeconds(20));
            awaitHook(s, "liveStreamStarted");
            encoder.kill();
            await().atMost(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS + 30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Server.registries().getInt("publishedStreams") == 0);
            awaitHook(s, "liveStreamEnded");
        }
    }

    /** The client posts its offer and goes away before any ICE: the session ends after the connect timeout and the stream is free. */
    @Test
    void aSessionWhoseIceNeverConnectsEndsAfterTheConnectTimeoutAndFreesItsStream() {
        String s = Ids.unique("whip-never");
        Page publisher = page();
        String offer = (String) publisher.evaluate("async () => { const pc = new RTCPeerConnection();"
                + " pc.addTransceiver('video', { direction: 'sendonly' }); const offer = await pc.createOffer(); pc.close(); return offer.sdp; }");
        HttpResponse<String> created = send(request("/whip/" + s, publishToken(s)).header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer)));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, Server.registries().getInt("whipSessions"));
        await().atMost(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS + 15)).pollInterval(Duration.ofMillis(250))
                .until(() -> Server.registries().getInt("publishedStreams") == 0);
        awaitHook(s, "publishTimeoutError");
        // The stream is free for a publisher that does connect.
        Page again = page();
        WhipClients.ours(again);
        assertEquals(201, whip(again, s, publishToken(s)).getInt("status"));
        again.waitForFunction("() => ['connected', 'completed'].includes(window.w.pc.iceConnectionState)");
        assertEquals(200, send(request(again.evaluate("() => window.w.location").toString(), publishToken(s)).DELETE()).statusCode());
    }

    @Test
    void refusalsAnswerInTheCataloguesWordsNeverEchoTheOfferOrTokenAndChangeNothing() throws Exception {
        String s = Ids.unique("whip-refused");
        String token = publishToken(s);
        String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
        assertRestError(post(s, "text/plain", offer, token), 415, "unsupported_content_type");
        assertRestError(post("bad%20name", "application/sdp", offer, token), 400, "invalidStreamName");
        HttpResponse<String> anonymous = post(s, "application/sdp", offer, null);
        assertRestError(anonymous, 401, "unauthorized_access");
        assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertRestError(post(s, "application/sdp", offer, TestKeys.sign(TestKeys.claims(c -> {
            c.setClaim("type", "publish");
            c.setClaim("streamId", s);
        }), TestKeys.OTHER_KEYS)), 401, "unauthorized_access");
        assertRestError(post(s, "application/sdp", offer, publishToken("another-" + s)), 403, "unauthorized_access");
        assertRestError(post(s, "application/sdp", offer, TestKeys.sign(TestKeys.claims(c -> {
            c.setClaim("type", "play");
            c.setClaim("streamId", s);
        }))), 403, "unauthorized_access");
        // An offer Janus cannot take: refused, and the stream is free again.
        HttpResponse<String> garbage = post(s, "application/sdp", offer, token);
        assertRestError(garbage, 400, "notSetRemoteDescription");
        assertFalse(garbage.body().contains("v=0") || garbage.body().contains(token), garbage.body());
        assertRestError(post(s, "application/sdp", "x".repeat(70_000), token), 413, "message_too_large");
        assertRestError(send(request("/whip/" + s + "/whip-" + java.util.UUID.randomUUID(), token).DELETE()), 404, "no_stream_exist");
        assertRestError(send(request("/whip/" + s + "/not-a-session", token).DELETE()), 404, "no_stream_exist");
        // A stream another publisher holds.
        try (SignalingClient holder = SignalingClient.connect()) {
            holder.send(TokensIT.withToken(Messages.publish(s), token));
            holder.awaitMessage("start");
            assertRestError(post(s, "application/sdp", offer, token), 409, "streamIdInUse");
            holder.send(Messages.stop(s));
            holder.awaitNotification("publish_finished");
        }
        // A browser's preflight and the headers its script may read.
        HttpResponse<String> preflight = send(request("/whip/" + s, null).header("Origin", "http://app.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.statusCode());
        assertEquals("http://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        HttpResponse<String> exposed = send(request("/whip/" + s, token).header("Origin", "http://app.example")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(offer)));
        assertTrue(exposed.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Location"), exposed.headers().toString());
        assertEquals(0, Server.registries().getInt("publishedStreams"));
    }

    @Test
    void withJanusDownAPostIsMediaServerUnavailableAnd503() throws Exception {
        String s = Ids.unique("whip-down");
        String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
        janus.kill();
        try {
            awaitMedia(false);
            double before = Scrape.counter("signalbox_rest_errors_total", "definition=\"media_server_unavailable\"");
            assertRestError(post(s, "application/sdp", offer, publishToken(s)), 503, "media_server_unavailable");
            assertEquals(before + 1, Scrape.counter("signalbox_rest_errors_total", "definition=\"media_server_unavailable\""));
        } finally {
            janus.startJanus();
        }
        awaitMedia(true);
    }

    /** Waits for Ant Media's SDK in {@code ams} to hear play_finished; the failure says what it heard instead. */
    private static void awaitPlayFinished(Page ams) {
        try {
            ams.waitForFunction("() => window.amsEvents.includes('play_finished')");
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("no play_finished; the player heard " + ams.evaluate("() => JSON.stringify(window.amsEvents)")
                    + ", errors " + ams.evaluate("() => JSON.stringify(window.amsErrors)"), e);
        }
    }

    /** A page playing {@code s} with Ant Media's SDK, once it decodes frames. */
    private Page amsPlaying(String s) {
        Page ams = SfuPages.adaptor(browsers, bundle, Server.PORT, true);
        pages.add(ams);
        ams.evaluate("s => window.ams.play(s)", s);
        SfuPages.awaitDecoding(ams, s);
        return ams;
    }

    private Page page() {
        Page page = browsers.open("/");
        pages.add(page);
        return page;
    }

    /** Publishes {@code s} with the tests' client in {@code page} (kept as {@code window.w}); what the POST answered. */
    private static JsonObject whip(Page page, String s, String token) {
        return WhipClients.publish(page, Server.http("/whip/" + s).toString(), token);
    }

    /**
     * Not only WHIP: a socket's publish whose media never reaches Janus (it never offers) ends
     * after signalbox.streams.publish-timeout-seconds, as Ant Media's does: publishTimeoutError
     * naming the stream, publish_finished, the hook, and nothing left in Signalbox or Janus.
     */
    @Test
    void aSocketsPublishWhoseMediaNeverComesIsPublishTimeoutErrorAndEnds() {
        String s = Ids.unique("ws-never");
        try (SignalingClient publisher = SignalingClient.connect()) {
            publisher.send(Json.createObjectBuilder(Messages.publish(s)).add("token", publishToken(s)).build());
            assertEquals(s, publisher.awaitMessage("start").getString("streamId"));
            assertEquals(1, Server.registries().getInt("publishedStreams"));
            assertEquals(Messages.expectedError("publishTimeoutError", s, null),
                    publisher.awaitMessage("error", Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS + 15)));
            publisher.awaitNotification("publish_finished");
            assertEquals(0, Server.registries().getInt("publishedStreams"));
            awaitHook(s, "publishTimeoutError");
            // The session carries on.
            publisher.send("{\"command\":\"ping\"}");
            publisher.awaitMessage("pong");
        }
    }

    private static void awaitHook(String stream, String action) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !hooks.requests(h -> stream.equals(h.field("id")) && action.equals(h.field("action"))).isEmpty());
    }

    private static String publishToken(String s) {
        return TestKeys.sign(TestKeys.claims(c -> {
            c.setClaim("type", "publish");
            c.setClaim("streamId", s);
        }));
    }

    private static HttpResponse<String> post(String s, String type, String body, String token) {
        return send(request("/whip/" + s, token).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path) : Server.http(path))
                .timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRestError(HttpResponse<String> response, int status, String definition) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(definition, body.getString("definition"), response.body());
    }

    private static void awaitMedia(boolean up) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> SfuPages.mediaAt(Server.PORT).getString("status").equals("UP") == up);
    }
}
