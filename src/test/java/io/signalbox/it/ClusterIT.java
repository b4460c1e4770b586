package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Liberty servers, each its own JVM, clustered on Hazelcast over TCP-IP on 127.0.0.1: a
 * call, a broadcast and a room whose sessions sit on both nodes work as on one; a burst of
 * relayed messages crosses in order, each once; a node that stops (SIGTERM) drops its sockets
 * and its sessions' peers are told; and when one node is killed outright, the other
 * releases its sessions' state and tells their peers. Run by its own Failsafe execution.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("cluster")
class ClusterIT {
    private static final int FAILURE_TIMEOUT_SECONDS = 5;
    private static final String MEMBERS = "127.0.0.1:5811,127.0.0.1:5812";
    private static LibertyNode a;
    private static LibertyNode b;
    private static HookReceiver hooks;

    @BeforeAll
    static void startTwoNodes() throws IOException {
        hooks = HookReceiver.start();
        int portA = Integer.parseInt(System.getProperty("cluster.a.http.port", "19281"));
        int portB = Integer.parseInt(System.getProperty("cluster.b.http.port", "19282"));
        a = LibertyNode.start("cluster-a", portA, clustered(MEMBERS, 5811));
        b = LibertyNode.start("cluster-b", portB, clustered(MEMBERS, 5812));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> Server.registriesAt(a.httpPort).getInt("clusterMembers") == 2
                        && Server.registriesAt(b.httpPort).getInt("clusterMembers") == 2);
    }

    private static Map<String, String> clustered(String members, int port) {
        return Map.of("SIGNALBOX_CLUSTER_ENABLED", "true", "SIGNALBOX_CLUSTER_NAME", "signalbox-it",
                "SIGNALBOX_CLUSTER_MEMBERS", members, "SIGNALBOX_CLUSTER_PORT", String.valueOf(port),
                "SIGNALBOX_CLUSTER_FAILURE_TIMEOUT_SECONDS", String.valueOf(FAILURE_TIMEOUT_SECONDS),
                "SIGNALBOX_LIMITS_MESSAGES_PER_SECOND", "2000", "SIGNALBOX_WEBHOOKS_URL", hooks.url());
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (LibertyNode node : new LibertyNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (hooks != null) {
            hooks.close();
        }
    }

    @Test
    @Order(1)
    void peersOnTwoNodesExchangeOfferAnswerAndCandidates() {
        String s = Ids.unique("cluster-call");
        try (SignalingClient onA = a.connect(); SignalingClient onB = b.connect()) {
            PeerToPeerIT.joinPair(onA, onB, s);
            PeerToPeerIT.exchangeOfferAnswerAndCandidates(onA, onB, s);
        }
        awaitBothEmpty();
    }

    @Test
    @Order(2)
    void aBurstCrossesInOrderAndEachMessageOnce() {
        String s = Ids.unique("cluster-burst");
        int burst = 1000;
        try (SignalingClient onA = a.connect(); SignalingClient onB = b.connect()) {
            PeerToPeerIT.joinPair(onA, onB, s);
            for (int i = 0; i < burst; i++) {
                onA.send(Messages.candidate(s, i, "candidate:" + i));
                onB.send(Messages.candidate(s, i, "candidate:" + i));
            }
            for (int i = 0; i < burst; i++) {
                assertEquals(Messages.candidate(s, i, "candidate:" + i), onB.awaitMessage("takeCandidate"));
                assertEquals(Messages.candidate(s, i, "candidate:" + i), onA.awaitMessage("takeCandidate"));
            }
            // Nothing more was on its way: no duplicate, no stray.
            onA.assertNothingPending();
            onB.assertNothingPending();
        }
        awaitBothEmpty();
    }

    @Test
    @Order(3)
    void aPublisherReachesViewersOnBothNodes() {
        String s = Ids.unique("cluster-live");
        try (SignalingClient publisher = a.connect(); SignalingClient near = a.connect();
                SignalingClient far = b.connect()) {
            publisher.send(Messages.publish(s));
            publisher.awaitNotification("publish_started");
            for (SignalingClient viewer : List.of(near, far)) {
                viewer.send(Messages.play(s));
                viewer.awaitNotification("play_started");
                String subscriberId = publisher.awaitMessage("start").getString("subscriberId");
                JsonObject offer = Messages.configuration(s, "offer", Messages.OFFER_SDP);
                publisher.send(Messages.toSubscriber(offer, subscriberId));
                assertEquals(Messages.relayed(offer), viewer.awaitMessage("takeConfiguration"));
                viewer.send(Messages.configuration(s, "answer", Messages.ANSWER_SDP));
                assertEquals(Messages.relayed(Messages.toSubscriber(Messages.configuration(s, "answer", Messages.ANSWER_SDP), subscriberId)),
                        publisher.awaitMessage("takeConfiguration"));
            }
            publisher.send(Messages.stop(s));
            publisher.awaitNotification("publish_finished");
            for (SignalingClient viewer : List.of(near, far)) {
                assertEquals(s, viewer.awaitMessage("stop").getString("streamId"));
                viewer.awaitNotification("play_finished");
            }
        }
        awaitBothEmpty();
        // Each event is sent once, by the node where it happened: the publish and the near play on A, the far play on B.
        assertHooksOnce(hook -> s.equals(hook.field("id")), List.of("liveStreamEnded", "liveStreamStarted", "playStarted",
                "playStarted", "playStopped", "playStopped"));
    }

    @Test
    @Order(4)
    void aRoomSpansBothNodes() {
        String room = Ids.unique("cluster-room");
        String s1 = Ids.unique("m1");
        String s2 = Ids.unique("m2");
        String s3 = Ids.unique("m3");
        try (SignalingClient m1 = a.connect(); SignalingClient m2 = b.connect(); SignalingClient m3 = a.connect()) {
            join(m1, room, s1);
            assertEquals(List.of(s1), streams(join(m2, room, s2)));
            assertEquals(s2, m1.awaitNotification("streamJoined").getString("streamId"));
            assertEquals(List.of(s1, s2), streams(join(m3, room, s3)));
            assertEquals(s3, m1.awaitNotification("streamJoined").getString("streamId"));
            assertEquals(s3, m2.awaitNotification("streamJoined").getString("streamId"));
            m2.send(Messages.leaveFromRoom(room));
            m2.awaitNotification("leavedFromRoom");
            assertEquals(s2, m1.awaitNotification("streamLeaved").getString("streamId"));
            assertEquals(s2, m3.awaitNotification("streamLeaved").getString("streamId"));
        }
        awaitBothEmpty();
        // Whether a stream is the room's first or last is decided under the room's lock, across both nodes.
        assertHooksOnce(hook -> room.equals(hook.field("roomId")) || room.equals(hook.field("id")), List.of(
                "firstActiveTrackAddedInMainTrack " + s1, "noActiveSubtracksLeftInMainTrack " + room,
                "subtrackAddedInTheMainTrack " + s1, "subtrackAddedInTheMainTrack " + s2, "subtrackAddedInTheMainTrack " + s3,
                "subtrackLeftTheMainTrack " + s1, "subtrackLeftTheMainTrack " + s2, "subtrackLeftTheMainTrack " + s3)
                .stream().sorted().toList(), true);
    }

    @Test
    @Order(5)
    void aNodeStoppingClosesItsSocketsAndItsSessionsPeersAreTold() throws IOException, InterruptedException {
        int portC = Integer.parseInt(System.getProperty("cluster.c.http.port", "19283"));
        String s = Ids.unique("cluster-rolling");
        try (LibertyNode c = LibertyNode.start("cluster-c", portC, clustered(MEMBERS + ",127.0.0.1:5813", 5813));
                SignalingClient peer = a.connect()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Server.registriesAt(a.httpPort).getInt("clusterMembers") == 3);
            SignalingClient onC = c.connect();
            PeerToPeerIT.joinPair(peer, onC, s);

            c.close(); // SIGTERM, as Kubernetes stops a pod: Liberty shuts down in order

            // Liberty drops its sockets as it quiesces, with no close frame: the client sees 1006
            // (no Jakarta hook runs before that), and the SDK reconnects after any close it did not ask for.
            assertEquals(1006, onC.awaitClose());
            assertEquals(s, peer.awaitMessage("stop").getString("streamId"));
            peer.assertNothingPending();
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonObject registries = Server.registriesAt(a.httpPort);
            assertEquals(2, registries.getInt("clusterMembers"), registries::toString);
        });
        awaitBothEmpty();
    }

    private static void assertHooksOnce(java.util.function.Predicate<HookReceiver.Request> about, List<String> expected) {
        assertHooksOnce(about, expected, false);
    }

    /**
     * The hooks {@code about} something are exactly {@code expected} (their actions, sorted; with
     * {@code withId}, each followed by its id): awaited, then, so that a duplicate on its way has
     * arrived too, a marker stream published and stopped on each node, whose own hooks are awaited.
     */
    private static void assertHooksOnce(java.util.function.Predicate<HookReceiver.Request> about, List<String> expected, boolean withId) {
        java.util.function.Function<HookReceiver.Request, String> seen = hook -> withId
                ? hook.field("action") + " " + hook.field("id") : hook.field("action");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> hooks.requests(about).size() >= expected.size());
        for (LibertyNode node : List.of(a, b)) {
            String marker = Ids.unique("cluster-marker");
            try (SignalingClient publisher = node.connect()) {
                publisher.send(Messages.publish(marker));
                publisher.awaitNotification("publish_started");
                publisher.send(Messages.stop(marker));
                publisher.awaitNotification("publish_finished");
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> hooks.requests(hook -> marker.equals(hook.field("id"))).size() >= 2);
        }
        assertEquals(expected, hooks.requests(about).stream().map(seen).sorted().toList(), "hooks, each once");
    }

    /** One side of a pair in the burst: its client, its stream, and whether its node is the one killed. */
    private record Side(SignalingClient client, String stream, boolean onDyingNode) {
    }

    @Test
    @Order(6)
    void aBurstAcrossNodesWhileOneDiesReachesOnlyTheRightSessionsOnceAndInOrder() throws IOException, InterruptedException {
        int portC = Integer.parseInt(System.getProperty("cluster.c.http.port", "19283"));
        int burst = 600;
        List<Side[]> pairs = new ArrayList<>();
        try (LibertyNode c = LibertyNode.start("cluster-c", portC, clustered(MEMBERS + ",127.0.0.1:5813", 5813))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Server.registriesAt(a.httpPort).getInt("clusterMembers") == 3);
            // Survivors paired with the dying node, survivors across nodes, and both peers on one node.
            LibertyNode[][] layout = {{a, c}, {a, c}, {b, c}, {a, b}, {a, a}};
            for (LibertyNode[] nodes : layout) {
                String s = Ids.unique("cluster-dying-burst");
                Side first = new Side(nodes[0].connect(), s, nodes[0] == c);
                Side second = new Side(nodes[1].connect(), s, nodes[1] == c);
                PeerToPeerIT.joinPair(first.client(), second.client(), s);
                pairs.add(new Side[] {first, second});
            }
            for (int i = 0; i < burst; i++) {
                if (i == burst / 2) {
                    c.kill();
                    pairs.stream().flatMap(java.util.Arrays::stream).filter(Side::onDyingNode).forEach(side -> side.client().abort());
                }
                for (Side[] pair : pairs) {
                    for (Side side : pair) {
                        if (!side.onDyingNode() || c.isAlive()) {
                            side.client().send(Messages.candidate(side.stream(), i, "candidate:" + i));
                        }
                    }
                }
            }
            for (Side[] pair : pairs) {
                for (int k = 0; k < 2; k++) {
                    Side side = pair[k];
                    Side peer = pair[1 - k];
                    if (side.onDyingNode()) {
                        continue;
                    }
                    if (peer.onDyingNode()) {
                        assertPrefixThenStop(side, burst);
                    } else {
                        for (int i = 0; i < burst; i++) {
                            assertEquals(Messages.candidate(side.stream(), i, "candidate:" + i), side.client().awaitMessage("takeCandidate"));
                        }
                        side.client().assertNothingPending();
                    }
                }
            }
        } finally {
            pairs.stream().flatMap(java.util.Arrays::stream).filter(side -> !side.onDyingNode()).forEach(side -> side.client().close());
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Server.registriesAt(a.httpPort).getInt("clusterMembers") == 2);
        awaitBothEmpty();
    }

    /**
     * What a survivor whose peer's node died gets: its peer's candidates from the first on, each
     * once and in order, for as long as the node lived; then {@code stop}; and for what it sent
     * after its peer was released, no_peer_associated_before naming its stream; nothing else.
     */
    private static void assertPrefixThenStop(Side side, int burst) {
        Duration bound = Duration.ofSeconds(FAILURE_TIMEOUT_SECONDS + 15);
        int next = 0;
        boolean stopped = false;
        while (!stopped) {
            JsonObject message = side.client().nextMessage(bound);
            switch (message.getString("command")) {
                case "takeCandidate" -> {
                    assertEquals(Messages.candidate(side.stream(), next, "candidate:" + next), message);
                    next++;
                }
                case "stop" -> {
                    assertEquals(side.stream(), message.getString("streamId"));
                    stopped = true;
                }
                case "error" -> assertNoPeer(side, message);
                default -> throw new AssertionError("unexpected " + message);
            }
        }
        assertTrue(next > 0 && next <= burst, "candidates before the death: " + next);
        side.client().send("{\"command\":\"ping\"}");
        for (JsonObject message = side.client().nextMessage(); !"pong".equals(message.getString("command"));
                message = side.client().nextMessage()) {
            assertNoPeer(side, message);
        }
    }

    private static void assertNoPeer(Side side, JsonObject error) {
        assertEquals("error", error.getString("command"), error::toString);
        assertEquals("no_peer_associated_before", error.getString("definition"), error::toString);
        assertEquals(side.stream(), error.getString("streamId"), error::toString);
    }

    @Test
    @Order(7)
    void whenANodeDiesTheOtherReleasesItsSessionsAndTellsTheirPeers() throws InterruptedException {
        String call = Ids.unique("cluster-orphan-call");
        String live = Ids.unique("cluster-orphan-live");
        String room = Ids.unique("cluster-orphan-room");
        String survivorStream = Ids.unique("survivor");
        String orphanStream = Ids.unique("orphan");
        List<SignalingClient> onB = new ArrayList<>();
        try (SignalingClient peer = a.connect(); SignalingClient publisher = a.connect();
                SignalingClient member = a.connect()) {
            SignalingClient peerOnB = b.connect();
            SignalingClient viewerOnB = b.connect();
            SignalingClient memberOnB = b.connect();
            onB.addAll(List.of(peerOnB, viewerOnB, memberOnB));
            PeerToPeerIT.joinPair(peer, peerOnB, call);
            publisher.send(Messages.publish(live));
            publisher.awaitNotification("publish_started");
            viewerOnB.send(Messages.play(live));
            viewerOnB.awaitNotification("play_started");
            String subscriberId = publisher.awaitMessage("start").getString("subscriberId");
            join(member, room, survivorStream);
            join(memberOnB, room, orphanStream);
            member.awaitNotification("streamJoined");

            b.kill();
            onB.forEach(SignalingClient::abort);

            // Within the failure timeout (and a margin for the check itself), node A finds B gone
            // and releases what B's sessions held, telling the peers on A.
            Duration bound = Duration.ofSeconds(FAILURE_TIMEOUT_SECONDS + 15);
            assertEquals(call, peer.awaitMessage("stop", bound).getString("streamId"));
            JsonObject viewerLeft = publisher.awaitMessage("stop", bound);
            assertEquals(subscriberId, viewerLeft.getString("subscriberId"));
            JsonObject left = member.awaitMessage("notification", bound);
            assertEquals("streamLeaved", left.getString("definition"));
            assertEquals(orphanStream, left.getString("streamId"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonObject registries = Server.registriesAt(a.httpPort);
                assertEquals(1, registries.getInt("clusterMembers"), registries::toString);
                assertEquals(1, registries.getInt("p2pStreams"), registries::toString);
                assertEquals(0, registries.getInt("viewers"), registries::toString);
                assertEquals(1, registries.getInt("rooms"), registries::toString);
            });
            // The survivors carry on.
            peer.assertNothingPending();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonObject registries = Server.registriesAt(a.httpPort);
            assertEquals(0, registries.getInt("sessions"), registries::toString);
            assertEquals(0, registries.getInt("p2pStreams"), registries::toString);
            assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
            assertEquals(0, registries.getInt("rooms"), registries::toString);
        });
    }

    private static JsonObject join(SignalingClient client, String room, String stream) {
        client.send(Messages.joinRoom(room, stream));
        return client.awaitNotification("joinedTheRoom");
    }

    private static List<String> streams(JsonObject joined) {
        return joined.getJsonArray("streams").getValuesAs(jakarta.json.JsonString::getString);
    }

    /** Each node's registries back to empty: shared state counts the whole cluster's sessions. */
    private static void awaitBothEmpty() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (LibertyNode node : List.of(a, b)) {
                JsonObject registries = Server.registriesAt(node.httpPort);
                assertEquals(0, registries.getInt("sessions"), registries::toString);
                assertEquals(0, registries.getInt("p2pStreams"), registries::toString);
                assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
                assertEquals(0, registries.getInt("viewers"), registries::toString);
                assertEquals(0, registries.getInt("rooms"), registries::toString);
            }
        });
    }
}
