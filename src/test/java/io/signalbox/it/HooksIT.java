package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks as Ant Media sends them, to a real receiver on loopback: one per event, signed, sent
 * again after a 500 with the same event id; a receiver that never answers slows no publish, and a
 * full queue drops hooks and counts them.
 */
@ExtendWith(ArquillianExtension.class)
class HooksIT {
    private static final String SECRET = "hooks-it-" + java.util.UUID.randomUUID();
    private static final int QUEUE = 8;
    private static HookReceiver receiver;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        receiver = HookReceiver.start();
        return Deployments.war("signalbox.webhooks.url=" + receiver.url(), "signalbox.webhooks.secret=" + SECRET,
                "signalbox.webhooks.first-retry-millis=200", "signalbox.webhooks.timeout-seconds=2",
                "signalbox.webhooks.queue-size=" + QUEUE);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Nothing is held after a test: a hook still retrying would be dropped or counted in the next. */
    @AfterEach
    void nothingIsHeld() {
        receiver.release();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> sample("signalbox_webhooks_held").orElse(-1) == 0);
    }

    @Test
    void publishPlayAndStopsSendAntMediasHooksOnceEachSignedWithTheirFields() throws Exception {
        String s = Ids.unique("hooks");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publisher.send(Json.createObjectBuilder(Messages.publish(s)).add("streamName", "Lecture one")
                    .add("metaData", "{\"course\":7}").build());
            publisher.awaitNotification("publish_started");
            viewer.send(Messages.play(s, "viewer-1"));
            viewer.awaitNotification("play_started");
            publisher.awaitMessage("start");
            viewer.send(Messages.stop(s));
            viewer.awaitNotification("play_finished");
            publisher.awaitMessage("stop");
            publisher.send(Messages.stop(s));
            publisher.awaitNotification("publish_finished");
        }
        List<HookReceiver.Request> hooks = awaitHooks(s, 4);
        assertEquals(List.of("liveStreamStarted", "playStarted", "playStopped", "liveStreamEnded").stream().sorted().toList(),
                hooks.stream().map(h -> h.field("action")).sorted().toList(), "one hook per event: " + hooks);
        HookReceiver.Request started = action(hooks, "liveStreamStarted");
        assertEquals("Lecture one", started.field("streamName"));
        assertEquals("{\"course\":7}", started.field("metadata"));
        assertEquals("viewer-1", action(hooks, "playStarted").field("subscriberId"));
        assertEquals("viewer-1", action(hooks, "playStopped").field("subscriberId"));
        for (HookReceiver.Request hook : hooks) {
            assertEquals("application/x-www-form-urlencoded", hook.headers().get("content-type"));
            assertTrue(Long.parseLong(hook.field("timestamp")) > 0, hook::toString);
            assertSigned(hook);
        }
        assertEquals(4, hooks.stream().map(h -> h.headers().get("signalbox-event-id")).distinct().count(), "event ids");
    }

    @Test
    void aHookTheReceiverAnswers500IsSentAgainWithTheSameEventIdAndSignature() throws Exception {
        String s = Ids.unique("hooks-500");
        double retriedBefore = sample("signalbox_webhooks_retried_total").orElse(0);
        receiver.failOnce(request -> s.equals(request.field("id")));
        try (SignalingClient publisher = SignalingClient.connect()) {
            publisher.send(Messages.publish(s));
            publisher.awaitNotification("publish_started");
            List<HookReceiver.Request> twice = awaitHooks(s, 2);
            assertEquals(twice.get(0).headers().get("signalbox-event-id"), twice.get(1).headers().get("signalbox-event-id"));
            assertEquals(twice.get(0).body(), twice.get(1).body());
            twice.forEach(HooksIT::assertSigned);
            publisher.send(Messages.stop(s));
            publisher.awaitNotification("publish_finished");
        }
        assertTrue(sample("signalbox_webhooks_retried_total").orElse(0) >= retriedBefore + 1, "retried counted");
    }

    /**
     * A registered broadcast's own listenerHookURL takes its hooks, with its registered name and
     * metaData where the publisher gave none; a URL that is not http(s) is refused by name.
     */
    @Test
    void aBroadcastsOwnListenerHookUrlTakesItsHooksAndOneThatIsNotHttpIsRefusedByName() throws Exception {
        String s = Ids.unique("hooks-own");
        String own = receiver.url() + "/own";
        assertRestError(Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\",\"listenerHookURL\":\"ftp://files.example/x\"}"),
                400, "invalid_hook_url");
        assertEquals(200, Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\",\"name\":\"Registered\","
                + "\"metaData\":\"m1\",\"listenerHookURL\":\"" + own + "\"}").statusCode());
        assertEquals(own, Server.json(Server.get("/rest/v2/broadcasts/" + s)).getString("listenerHookURL"));
        assertRestError(Server.request("PUT", "/rest/v2/broadcasts/" + s, "{\"listenerHookURL\":\"not a url\"}", TestKeys.caller("a", "admin")),
                400, "invalid_hook_url");
        assertRestError(Server.request("PUT", "/rest/v2/broadcasts/" + Ids.unique("hooks-none"), "{\"metaData\":\"x\"}",
                TestKeys.caller("a", "admin")), 404, "no_stream_exist");
        HttpResponse<String> updated = Server.request("PUT", "/rest/v2/broadcasts/" + s, "{\"metaData\":\"m2\"}", TestKeys.caller("a", "admin"));
        assertEquals(200, updated.statusCode(), updated.body());
        assertTrue(Server.json(updated).getBoolean("success"));
        try (SignalingClient publisher = SignalingClient.connect()) {
            publisher.send(Messages.publish(s));
            publisher.awaitNotification("publish_started");
            HookReceiver.Request started = awaitHooks(s, 1).get(0);
            assertEquals("/hook/own", started.path());
            assertEquals("Registered", started.field("streamName"));
            assertEquals("m2", started.field("metadata"));
            publisher.send(Messages.stop(s));
            publisher.awaitNotification("publish_finished");
            assertEquals("/hook/own", awaitHooks(s, 2).get(1).path());
        } finally {
            Server.delete("/rest/v2/broadcasts/" + s);
        }
    }

    /**
     * Under mesh a room's stream is active once it joins: each join and leave is a hook about the
     * stream with its room, the first and the last marked, the last about the room.
     */
    @Test
    void aRoomsMembersJoiningAndLeavingSendAntMediasFourConferenceHooks() {
        String room = Ids.unique("hooks-room");
        try (SignalingClient first = SignalingClient.connect(); SignalingClient second = SignalingClient.connect()) {
            RoomsIT.joinRoom(first, room, room + "-1");
            RoomsIT.joinRoom(second, room, room + "-2");
            first.awaitNotification("streamJoined");
            first.send(Messages.leaveFromRoom(room));
            first.awaitNotification("leavedFromRoom");
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.requests(r -> room.equals(r.field("roomId")) || room.equals(r.field("id"))).size() >= 6);
        List<String> seen = receiver.requests(r -> room.equals(r.field("roomId")) || room.equals(r.field("id"))).stream()
                .map(r -> r.field("action") + " " + r.field("id")).sorted().toList();
        assertEquals(List.of("firstActiveTrackAddedInMainTrack " + room + "-1", "noActiveSubtracksLeftInMainTrack " + room,
                "subtrackAddedInTheMainTrack " + room + "-1", "subtrackAddedInTheMainTrack " + room + "-2",
                "subtrackLeftTheMainTrack " + room + "-1", "subtrackLeftTheMainTrack " + room + "-2"), seen);
        receiver.requests(r -> room.equals(r.field("id")) || room.equals(r.field("roomId"))).forEach(HooksIT::assertSigned);
    }

    private static void assertRestError(HttpResponse<String> response, int status, String definition) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(definition, Server.json(response).getString("definition"), response.body());
    }

    /**
     * The receiver takes requests and never answers: each of 20 publishes in a row still gets
     * publish_started within a second, and what does not fit the queue is dropped and counted.
     */
    @Test
    void aReceiverThatNeverAnswersSlowsNoPublishAndWhatTheQueueCannotHoldIsDroppedAndCounted() throws Exception {
        double droppedBefore = sample("signalbox_webhooks_dropped_total").orElse(0);
        receiver.hang();
        List<String> streams = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        try (SignalingClient publisher = SignalingClient.connect()) {
            for (int i = 0; i < 20; i++) {
                String s = Ids.unique("hooks-hang");
                streams.add(s);
                long start = System.nanoTime();
                publisher.send(Messages.publish(s));
                publisher.awaitNotification("publish_started");
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            System.out.printf("HooksIT: publish_started with a hanging receiver after %s ms%n", millis);
            assertTrue(millis.stream().allMatch(m -> m < 1_000), "publish_started after " + millis + " ms");
            assertTrue(sample("signalbox_webhooks_dropped_total").orElse(0) >= droppedBefore + 20 - QUEUE, "dropped counted");
            assertEquals(QUEUE, sample("signalbox_webhooks_held").orElse(-1), "hooks held");
            receiver.release();
            for (String s : streams) {
                publisher.send(Messages.stop(s));
                publisher.awaitNotification("publish_finished");
            }
        }
    }

    private static List<HookReceiver.Request> awaitHooks(String stream, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.requests(r -> stream.equals(r.field("id"))).size() >= count);
        return receiver.requests(r -> stream.equals(r.field("id")));
    }

    private static HookReceiver.Request action(List<HookReceiver.Request> hooks, String action) {
        return hooks.stream().filter(h -> action.equals(h.field("action"))).findFirst().orElseThrow();
    }

    /** Checks the signature as docs/operations.md tells a receiver to: HMAC-SHA256 of "t.body" with the secret. */
    private static void assertSigned(HookReceiver.Request hook) {
        Map<String, String> parts = java.util.Arrays.stream(hook.headers().get("signalbox-signature").split(","))
                .map(part -> part.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((parts.get("t") + "." + hook.body()).getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, parts.get("v1"), "signature of " + hook);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(parts.get("t"));
        assertTrue(age >= -5 && age < 300, "signed " + age + " s ago");
    }

    /** The value of a sample of the application's metrics, empty while it has none. */
    private static OptionalDouble sample(String name) {
        return Server.get("/metrics?scope=application").body().lines().filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst();
    }
}
