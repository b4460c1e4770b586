package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two clustered Liberty nodes, each with a real Janus of its own in its own network namespace:
 * a stream lives on the Janus of the node it is published through and is played through the
 * other node, which drives that Janus, with Ant Media's SDK in Chromium; a stream's end, and its
 * Janus's death, reach both nodes; a conference's members on both nodes all publish into the room
 * on one Janus and each decodes the others. Run by the cluster Failsafe execution (it starts its
 * own servers). Node A's Janus dies in the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("sfu")
@Tag("browser")
@Tag("cluster")
class SfuClusterIT {
    private static final int NETWORK_A = 8;
    private static final int NETWORK_B = 10;
    private static final String MEMBERS = "127.0.0.1:5821,127.0.0.1:5822";
    /** One recording folder for both nodes and both Janus servers, as the shared claim in k8s/ is. */
    private static final java.nio.file.Path RECORDINGS = java.nio.file.Path.of("target", "recordings-cluster").toAbsolutePath();
    private static JanusServer janusA;
    private static JanusServer janusB;
    private static LibertyNode a;
    private static LibertyNode b;
    private static Browsers browsers;
    private static String bundle;

    @RegisterExtension
    final ThreadDumpOnFailure dumps = new ThreadDumpOnFailure("sfu-cluster-a", "sfu-cluster-b");

    @BeforeAll
    static void start() throws Exception {
        janusA = JanusServer.start(NETWORK_A);
        janusB = JanusServer.start(NETWORK_B);
        a = LibertyNode.start("sfu-cluster-a", 19291, environment(5821, NETWORK_A));
        b = LibertyNode.start("sfu-cluster-b", 19292, environment(5822, NETWORK_B));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Server.registriesAt(a.httpPort).getInt("clusterMembers") == 2);
        bundle = AmsSdk.browserBundle();
        browsers = Browsers.forMediaServer();
    }

    private static Map<String, String> environment(int hazelcastPort, int network) {
        Map<String, String> env = new HashMap<>(Map.of("SIGNALBOX_CLUSTER_ENABLED", "true",
                "SIGNALBOX_CLUSTER_NAME", "signalbox-sfu-it", "SIGNALBOX_CLUSTER_MEMBERS", MEMBERS,
                "SIGNALBOX_CLUSTER_PORT", String.valueOf(hazelcastPort), "SIGNALBOX_WHIP_CONNECT_TIMEOUT_SECONDS", "5"));
        env.putAll(JanusServer.environment(network));
        env.put("SIGNALBOX_RECORDING_DIRECTORY", RECORDINGS.toString());
        return env;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) {
            browsers.close();
        }
        for (LibertyNode node : new LibertyNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        for (JanusServer janus : new JanusServer[] {janusA, janusB}) {
            if (janus != null) {
                janus.close();
            }
        }
    }

    /**
     * Ant Media's conference flow with one member through node A and two through node B: the
     * conference lives on the Janus of A, whose member came first; B publishes and subscribes its
     * members there, and a new member's media reaches the players on the other node.
     */
    @Test
    @Order(1)
    void aConferenceWithMembersOnBothNodesLivesOnOneJanusAndEachMemberDecodesTheOthers() throws Exception {
        String room = Ids.unique("sfu-cluster-conf");
        String x = room + "-x";
        String y = room + "-y";
        String z = room + "-z";
        Page onA = SfuPages.conferenceMember(browsers, bundle, a.httpPort, room, x);
        onA.waitForFunction("() => window.amsEvents.includes('play_started')");
        Page firstOnB = SfuPages.conferenceMember(browsers, bundle, b.httpPort, room, y);
        Page secondOnB = SfuPages.conferenceMember(browsers, bundle, b.httpPort, room, z);
        SfuPages.awaitMembers(onA, List.of(y, z));
        SfuPages.awaitMembers(firstOnB, List.of(x, z));
        SfuPages.awaitMembers(secondOnB, List.of(x, y));
        assertEquals(List.of(room), janusA.rooms(), "rooms on node A's Janus");
        assertEquals(List.of(), janusB.rooms(), "rooms on node B's Janus");
        assertEquals(2, SfuPages.mediaHandlesAt(a.httpPort), "node A's handles: x's feed and subscription");
        assertEquals(4, SfuPages.mediaHandlesAt(b.httpPort), "node B's handles, all on A's Janus");
        for (Page page : List.of(onA, firstOnB, secondOnB)) {
            page.context().close();
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (LibertyNode node : List.of(a, b)) {
                JsonObject registries = Server.registriesAt(node.httpPort);
                for (String registry : List.of("publishedStreams", "rooms", "conferences", "conferencePlayers")) {
                    assertEquals(0, registries.getInt(registry), registry + " in " + registries);
                }
                assertEquals(0, SfuPages.mediaHandlesAt(node.httpPort), "handles on Janus of node " + node.name);
            }
            assertEquals(List.of(), janusA.rooms(), "rooms left in node A's Janus");
        });
    }

    /**
     * A WHIP session POSTed through node A, in Chromium, is played through node B; its ICE restart
     * and trickle go through node B (cross-origin: B answers the browser's CORS preflight) and
     * are run on A, which holds the session's media; its DELETE through B ends it for the player.
     * An admin's delete through B of another WHIP stream on A ends it too, and A lets go of its
     * feed. Then nothing is left on either node or either Janus.
     */
    @Test
    @Order(2)
    void aWhipSessionPostedThroughNodeAIsRestartedAndDeletedThroughNodeB() throws Exception {
        String s = Ids.unique("sfu-cluster-whip");
        Page publisher = browsers.openAt(a.httpPort, "/");
        WhipClients.ours(publisher);
        JsonObject created = WhipClients.publish(publisher, "http://localhost:" + a.httpPort + "/whip/" + s, null);
        assertEquals(201, created.getInt("status"), created::toString);
        Page player = SfuPages.adaptor(browsers, bundle, b.httpPort, true);
        player.evaluate("s => window.ams.play(s)", s);
        SfuPages.awaitDecoding(player, s);
        assertEquals(List.of(s), janusA.rooms(), "rooms on node A's Janus");

        String throughB = "http://localhost:" + b.httpPort + created.getString("location");
        publisher.evaluate("url => window.w.resource = url", throughB);
        @SuppressWarnings("unchecked")
        Map<String, Object> restarted = (Map<String, Object>) publisher.evaluate("() => window.whipRestart(window.w, null)");
        assertEquals(200, ((Number) restarted.get("status")).intValue(), restarted::toString);
        publisher.waitForFunction("() => ['connected', 'completed'].includes(window.w.pc.iceConnectionState)");
        player.evaluate("() => window.amsFrames = undefined");
        SfuPages.awaitDecoding(player, s);

        assertEquals(200, delete(throughB, null).statusCode());
        player.waitForFunction("() => window.amsEvents.includes('play_finished')");

        // An admin deletes a WHIP stream published through A, through B: A lets go of its feed on
        // its Janus, and of the WHIP session within its sweep (the connect timeout, 5 s here).
        String t = Ids.unique("sfu-cluster-whip-admin");
        Page second = browsers.openAt(a.httpPort, "/");
        WhipClients.ours(second);
        assertEquals(201, WhipClients.publish(second, "http://localhost:" + a.httpPort + "/whip/" + t, null).getInt("status"));
        Page secondPlayer = SfuPages.adaptor(browsers, bundle, b.httpPort, true);
        secondPlayer.evaluate("t => window.ams.play(t)", t);
        SfuPages.awaitDecoding(secondPlayer, t);
        assertEquals(200, delete("http://localhost:" + b.httpPort + "/rest/v2/broadcasts/" + t, TestKeys.caller("admin", "admin"))
                .statusCode());
        secondPlayer.waitForFunction("() => window.amsEvents.includes('play_finished')");
        for (Page page : List.of(publisher, player, second, secondPlayer)) {
            page.context().close();
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (LibertyNode node : List.of(a, b)) {
                JsonObject registries = Server.registriesAt(node.httpPort);
                for (String registry : List.of("publishedStreams", "viewers", "whipSessions")) {
                    assertEquals(0, registries.getInt(registry), registry + " in " + registries);
                }
                assertEquals(0, SfuPages.mediaHandlesAt(node.httpPort), "handles on Janus of node " + node.name);
            }
            assertEquals(List.of(), janusA.rooms(), "rooms left in node A's Janus");
        });
    }

    private static java.net.http.HttpResponse<String> send(String method, LibertyNode node, String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + node.httpPort + path)).header("Authorization", "Bearer " + token)
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static java.net.http.HttpResponse<String> delete(String url, String token) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Node A's Janus stops in its tracks (SIGSTOP) while a conference on it loses its last member
     * and a publish through A waits for it: node B's publish and play, on B's Janus, go on as
     * usual, as no lock of the cluster is held while a Janus is asked. Once A's Janus runs again,
     * nothing is left on either node or either Janus.
     */
    @Test
    @Order(3)
    void whileNodeAsJanusIsStalledNodeBPublishesAndPlaysAsUsual() throws Exception {
        String room = Ids.unique("sfu-cluster-stall-room");
        String member = Ids.unique("sfu-cluster-stall-member");
        String waiting = Ids.unique("sfu-cluster-stall-a");
        String t = Ids.unique("sfu-cluster-stall-b");
        Page publisherOnB;
        Page playerOnB;
        try (SignalingClient inRoom = SignalingClient.connectTo(a.websocket());
                SignalingClient publishingOnA = SignalingClient.connectTo(a.websocket());
                SignalingClient onB = SignalingClient.connectTo(b.websocket())) {
            inRoom.send(jakarta.json.Json.createObjectBuilder(Messages.publish(member)).add("mainTrack", room).build());
            inRoom.awaitMessage("start");
            janusA.pause();
            try {
                inRoom.send(Messages.stop(member));
                inRoom.awaitNotification("publish_finished");
                publishingOnA.send(Messages.publish(waiting)); // waits for A's Janus on its own lane
                long start = System.nanoTime();
                onB.send(Messages.publish(Ids.unique("sfu-cluster-stall-start"))).awaitMessage("start");
                onB.send(Messages.play(Ids.unique("sfu-cluster-stall-missing"))).awaitError("no_stream_exist");
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("SfuClusterIT: node B answered a publish and a play in %d ms while A's Janus is stalled%n", millis);
                assertTrue(millis < 1_000, "node B answered after " + millis + " ms");
                publisherOnB = publisher(b, t);
                playerOnB = player(b, t);
                SfuPages.awaitDecoding(playerOnB, t);
                assertEquals("media_server_unavailable", publishingOnA.awaitMessage("error").getString("definition"));
            } finally {
                janusA.resume();
            }
        }
        publisherOnB.evaluate("t => window.ams.stop(t)", t);
        playerOnB.waitForFunction("() => window.amsEvents.includes('play_finished')");
        for (Page page : List.of(publisherOnB, playerOnB)) {
            page.context().close();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (LibertyNode node : List.of(a, b)) {
                JsonObject registries = Server.registriesAt(node.httpPort);
                assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
                assertEquals(0, registries.getInt("viewers"), registries::toString);
                assertEquals(0, SfuPages.mediaHandlesAt(node.httpPort), "handles on Janus of node " + node.name);
                assertEquals("UP", SfuPages.mediaAt(node.httpPort).getString("status"), "media of node " + node.name);
            }
            assertEquals(List.of(), janusA.rooms(), "rooms left in node A's Janus");
            assertEquals(List.of(), janusB.rooms(), "rooms left in node B's Janus");
        });
    }

    @Test
    @Order(4)
    void aStreamLivesOnItsPublishersNodesJanusAndIsPlayedThroughTheOtherNodeWhichDrivesIt() throws Exception {
        String s = Ids.unique("sfu-cluster-a");
        String t = Ids.unique("sfu-cluster-b");
        Page publisherOfS = publisher(a, s);
        Page publisherOfT = publisher(b, t);
        Page playerOfS = player(b, s);
        Page playerOfT = player(a, t);
        SfuPages.awaitDecoding(playerOfS, s);
        SfuPages.awaitDecoding(playerOfT, t);
        playerOfS.waitForFunction("() => window.amsEvents.includes('play_started')");
        playerOfT.waitForFunction("() => window.amsEvents.includes('play_started')");
        assertEquals(List.of(s), janusA.rooms(), "rooms on node A's Janus");
        assertEquals(List.of(t), janusB.rooms(), "rooms on node B's Janus");
        // Each node holds its publisher's feed and its viewer's subscription, on two Janus servers.
        assertEquals(2, SfuPages.mediaHandlesAt(a.httpPort), "node A's handles");
        assertEquals(2, SfuPages.mediaHandlesAt(b.httpPort), "node B's handles");

        // A recording asked through node A of t, published through node B (B asks its Janus), is
        // listed and its file served by both nodes: the VoD registry is shared, and the folder is
        // one on this machine, as the shared claim is in k8s/.
        String admin = TestKeys.caller("admin", "admin");
        java.net.http.HttpResponse<String> started = send("PUT", a, "/rest/v2/broadcasts/" + t + "/recording/true?recordType=webm", admin);
        assertEquals(200, started.statusCode(), started.body());
        String vodId = Server.json(started).getString("dataId");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> ((Number) publisherOfT.evaluate(
                "async t => { let n = 0; (await window.ams.remotePeerConnection[t].getStats()).forEach(r => {"
                + " if (r.type === 'outbound-rtp' && r.kind === 'video') n += r.framesSent || 0; }); return n; }", t)).longValue() > 90);
        assertEquals(200, send("PUT", a, "/rest/v2/broadcasts/" + t + "/recording/false", admin).statusCode());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> send("GET", b, "/rest/v2/vods/" + vodId, admin).statusCode() == 200);
        JsonObject vod = Server.json(send("GET", b, "/rest/v2/vods/" + vodId, admin));
        assertEquals(vod, Server.json(send("GET", a, "/rest/v2/vods/" + vodId, admin)));
        String play = TestKeys.sign(TestKeys.claims(c -> {
            c.setClaim("type", "play");
            c.setClaim("streamId", t);
        }));
        for (LibertyNode node : List.of(a, b)) {
            java.net.http.HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + node.httpPort + "/streams/" + vod.getString("vodName") + "?token=" + play)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode(), "node " + node.name);
            assertEquals(vod.getJsonNumber("fileSize").longValue(), file.body().length, "node " + node.name);
        }
        assertEquals(200, send("DELETE", b, "/rest/v2/vods/" + vodId, admin).statusCode());

        publisherOfT.evaluate("t => window.ams.stop(t)", t);
        publisherOfT.waitForFunction("() => window.amsEvents.includes('publish_finished')");
        playerOfT.waitForFunction("() => window.amsEvents.includes('play_finished')");

        // Node A's Janus dies: its publisher (on A) and its viewer (on B, through B's session there) are told.
        janusA.kill();
        publisherOfS.waitForFunction("() => window.amsEvents.includes('publish_finished')");
        playerOfS.waitForFunction("() => window.amsEvents.includes('play_finished')");
        for (Page page : List.of(publisherOfS, publisherOfT, playerOfS, playerOfT)) {
            page.context().close();
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (LibertyNode node : List.of(a, b)) {
                JsonObject registries = Server.registriesAt(node.httpPort);
                assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
                assertEquals(0, registries.getInt("viewers"), registries::toString);
                assertEquals(0, SfuPages.mediaHandlesAt(node.httpPort), "handles on Janus of node " + node.name);
            }
            assertEquals(List.of(), janusB.rooms(), "rooms left in node B's Janus");
        });
    }

    private static Page publisher(LibertyNode node, String stream) {
        Page page = SfuPages.adaptor(browsers, bundle, node.httpPort, false);
        page.evaluate("s => window.ams.publish(s)", stream);
        page.waitForFunction("() => window.amsEvents.includes('publish_started')");
        return page;
    }

    private static Page player(LibertyNode node, String stream) {
        Page page = SfuPages.adaptor(browsers, bundle, node.httpPort, true);
        page.evaluate("s => window.ams.play(s)", stream);
        return page;
    }
}
