package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Conferences through a real Janus ({@code signalbox.media.backend=janus}): Ant Media's own
 * conference flow, driven through its SDK unchanged in real Chromium, each member publishing once
 * into the room and getting every other member on one connection; and nothing left behind, in
 * Signalbox or in Janus.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("sfu")
@Tag("browser")
class SfuConferenceIT {
    private static final int NETWORK = 11;
    private static JanusServer janus;
    private static HookReceiver hooks;
    private static Browsers browsers;
    private static String bundle;
    private final List<Page> pages = new ArrayList<>();

    @RegisterExtension
    final ThreadDumpOnFailure dumps = new ThreadDumpOnFailure(System.getProperty("it.server.name", "signalbox-it"));

    /** Janus and its namespace first, as in {@link SfuBroadcastIT}. */
    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        janus = JanusServer.start(NETWORK);
        hooks = HookReceiver.start();
        List<String> settings = new ArrayList<>(List.of(JanusServer.settings(NETWORK)));
        settings.add("signalbox.webhooks.url=" + hooks.url());
        return Deployments.war(settings.toArray(String[]::new));
    }

    @BeforeAll
    static void start() throws Exception {
        bundle = AmsSdk.browserBundle();
        browsers = Browsers.forMediaServer();
        await().atMost(Duration.ofSeconds(20)).until(() -> SfuPages.mediaAt(Server.PORT).getString("status").equals("UP"));
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
            for (String registry : List.of("publishedStreams", "viewers", "rooms", "conferences", "conferencePlayers")) {
                assertEquals(0, registries.getInt(registry), registry + " in " + registries);
            }
            assertEquals(0, SfuPages.mediaHandlesAt(Server.PORT), "handles on Janus");
            // Rooms are destroyed off the request threads, once Janus has let go of their handles.
            assertEquals(List.of(), janus.rooms(), "rooms left in Janus");
        });
    }

    @Test
    void antMediasConferenceFlowFourMembersThenOneLeavesThenAFifthJoins() {
        String room = Ids.unique("conf");
        Map<String, Page> members = new LinkedHashMap<>();
        for (String name : List.of("a", "b", "c", "d")) {
            String me = room + "-" + name;
            members.put(me, member(room, me));
        }
        awaitEachDecodesTheOthers(members);

        // d leaves as Ant Media's SDK does: its connections close and it sends leaveFromRoom.
        String leaver = room + "-d";
        Page left = members.remove(leaver);
        left.evaluate("room => window.ams.leaveFromRoom(room)", room);
        left.waitForFunction("() => window.amsEvents.includes('leavedFromRoom')");
        awaitEachDecodesTheOthers(members);

        String fifth = room + "-e";
        members.put(fifth, member(room, fifth));
        awaitEachDecodesTheOthers(members);
        Browsers.screenshot(members.get(fifth), "sfu-conference-ams");

        // Ant Media's multitrack commands, through its SDK: the tracks listed, one member left out and taken back.
        String a = room + "-a";
        String b = room + "-b";
        Page first = members.get(a);
        first.evaluate("room => { window.amsTrackList = null; window.amsSubtrackCount = null;"
                + " window.ams.addEventListener((info, obj) => { if (info === 'trackList') window.amsTrackList = obj.trackList;"
                + "   if (info === 'subtrackCount') window.amsSubtrackCount = obj.count; });"
                + " window.ams.getTracks(room, null); window.ams.getSubtrackCount(room, null, null); }", room);
        first.waitForFunction("() => window.amsTrackList !== null && window.amsSubtrackCount !== null");
        assertEquals(List.of(a, b, room + "-c", fifth), first.evaluate("() => window.amsTrackList.slice().sort()"));
        assertEquals(4, first.evaluate("() => window.amsSubtrackCount"));
        first.evaluate("room => { window.amsSubtracks = [];"
                + " window.ams.addEventListener((info, obj) => { if (info === 'subtrackList') window.amsSubtracks.push(obj.subtrackList); });"
                + " window.ams.getSubtracks(room, null, 0, 0); window.ams.getSubtracks(room, null, 1, 2); }", room);
        first.waitForFunction("() => window.amsSubtracks.length === 2");
        assertEquals(List.of(a, b, room + "-c", fifth), first.evaluate("() => window.amsSubtracks[0].map(t => t.streamId).sort()"));
        assertEquals(List.of("broadcasting"), first.evaluate("() => [...new Set(window.amsSubtracks[0].map(t => t.status))]"));
        assertEquals(List.of(room), first.evaluate("() => [...new Set(window.amsSubtracks[0].map(t => t.mainTrackStreamId))]"));
        assertEquals(first.evaluate("() => window.amsSubtracks[0].slice(1, 3).map(t => t.streamId)"),
                first.evaluate("() => window.amsSubtracks[1].map(t => t.streamId)"), "the page from 1, of 2");
        first.evaluate("([room, b]) => window.ams.enableTrack(room, b, false)", List.of(room, b));
        SfuPages.awaitMembers(first, List.of(room + "-c", fifth));
        first.evaluate("([room, b]) => window.ams.enableTrack(room, b, true)", List.of(room, b));
        SfuPages.awaitMembers(first, List.of(b, room + "-c", fifth));
        // At most two members' video: the first two to come (b and c); every member's audio still comes.
        first.evaluate("room => window.ams.setMaxVideoTrackCount(room, 2)", room);
        SfuPages.awaitMembers(first, List.of(b, room + "-c"));
        SfuPages.awaitReceivingSections(first, room, 2, 3);
        assertEquals(List.of(b, room + "-c"), videoAssignments(first, room));
        // Pinned (assignVideoTrack), the fifth keeps its video first; paged from 1 (updateVideoTrackAssignments), c follows.
        first.evaluate("([room, e]) => window.ams.assignVideoTrack(e, e, true)", List.of(room, fifth));
        SfuPages.awaitMembers(first, List.of(b, fifth));
        assertEquals(List.of(fifth, b), videoAssignments(first, room));
        first.evaluate("room => window.ams.updateVideoTrackAssignments(room, 1, 2)", room);
        SfuPages.awaitMembers(first, List.of(room + "-c", fifth));
        assertEquals(List.of(fifth, room + "-c"), videoAssignments(first, room));
        first.evaluate("([room, e]) => window.ams.assignVideoTrack(e, e, false)", List.of(room, fifth));
        assertEquals(List.of(room + "-c", fifth), videoAssignments(first, room));
        SfuPages.awaitReceivingSections(first, room, 2, 3);
        first.evaluate("room => window.ams.setMaxVideoTrackCount(room, 0)", room);
        SfuPages.awaitMembers(first, List.of(b, room + "-c", fifth));
        assertEquals(List.of(b, room + "-c", fifth), videoAssignments(first, room));

        JsonObject registries = Server.registries();
        assertEquals(1, registries.getInt("conferences"), registries::toString);
        assertEquals(4, registries.getInt("conferencePlayers"), registries::toString);
        for (Page page : members.values()) {
            assertEquals(List.of(), page.evaluate("() => window.amsErrors"), "errors in a member's page");
        }

        // Ant Media's four conference hooks: each member's media flowing into the room, the first
        // of them marked; each one leaving (d, then the rest as their pages close), the last marked.
        members.values().forEach(page -> page.context().close());
        java.util.function.Predicate<HookReceiver.Request> aboutTheRoom = h -> room.equals(h.field("roomId")) || room.equals(h.field("id"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> hooks.requests(aboutTheRoom).size() >= 12);
        List<HookReceiver.Request> heard = hooks.requests(aboutTheRoom);
        List<String> everyone = List.of(a, b, room + "-c", leaver, fifth);
        assertEquals(everyone, heard.stream().filter(h -> h.field("action").equals("subtrackAddedInTheMainTrack"))
                .map(h -> h.field("id")).sorted().toList(), heard::toString);
        assertEquals(everyone, heard.stream().filter(h -> h.field("action").equals("subtrackLeftTheMainTrack"))
                .map(h -> h.field("id")).sorted().toList(), heard::toString);
        assertEquals(1, heard.stream().filter(h -> h.field("action").equals("firstActiveTrackAddedInMainTrack")).count(), heard::toString);
        assertEquals(List.of(room), heard.stream().filter(h -> h.field("action").equals("noActiveSubtracksLeftInMainTrack"))
                .map(h -> h.field("id")).toList(), heard::toString);
    }

    /** Bad multitrack commands get their catalogue error, naming the room, and change nothing. */
    @Test
    void badMultitrackCommandsGetTheirErrorsAndTheSessionCarriesOn() {
        String room = Ids.unique("confbad");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Json.createObjectBuilder().add("command", "enableTrack").add("streamId", room).add("trackId", "x")
                    .add("enabled", false).build());
            assertEquals(Messages.expectedError("no_peer_associated_before", room, null), client.awaitError("no_peer_associated_before"));
            client.send(Json.createObjectBuilder().add("command", "enableTrack").add("streamId", room).add("enabled", true).build());
            assertEquals(Messages.expectedError("invalid_message", room, null), client.awaitError("invalid_message"));
            client.send(Json.createObjectBuilder().add("command", "getSubtracks").add("streamId", room).add("offset", -1).build());
            assertEquals(Messages.expectedError("invalid_message", room, null), client.awaitError("invalid_message"));
            client.send(Json.createObjectBuilder().add("command", "setMaxVideoTrackCountCommand").add("streamId", room)
                    .add("maxTrackCount", -1).build());
            assertEquals(Messages.expectedError("invalid_message", room, null), client.awaitError("invalid_message"));
            client.send(Json.createObjectBuilder().add("command", "setMaxVideoTrackCountCommand").add("streamId", room)
                    .add("maxTrackCount", 2).build());
            assertEquals(Messages.expectedError("no_peer_associated_before", room, null), client.awaitError("no_peer_associated_before"));
            client.send(Json.createObjectBuilder().add("command", "getVideoTrackAssignmentsCommand").add("streamId", room).build());
            assertEquals(Messages.expectedError("no_peer_associated_before", room, null), client.awaitError("no_peer_associated_before"));
            client.send(Json.createObjectBuilder().add("command", "assignVideoTrackCommand").add("streamId", room + "-x")
                    .add("videoTrackId", room + "-x").add("enabled", true).build());
            assertEquals(Messages.expectedError("no_peer_associated_before", room + "-x", null), client.awaitError("no_peer_associated_before"));
            client.send(Json.createObjectBuilder().add("command", "assignVideoTrackCommand").add("streamId", room + "-x").build());
            assertEquals(Messages.expectedError("invalid_message", room + "-x", null), client.awaitError("invalid_message"));
            client.send(Json.createObjectBuilder().add("command", "assignVideoTrackCommand").add("videoTrackId", "x").add("enabled", true).build());
            assertEquals(Messages.expectedError("noStreamNameSpecified", null, null), client.awaitError("noStreamNameSpecified"));
            client.send(Json.createObjectBuilder().add("command", "updateVideoTrackAssignmentsCommand").add("streamId", room)
                    .add("offset", -1).add("size", 2).build());
            assertEquals(Messages.expectedError("invalid_message", room, null), client.awaitError("invalid_message"));
            client.send(Json.createObjectBuilder().add("command", "updateVideoTrackAssignmentsCommand").add("streamId", room)
                    .add("offset", 0).add("size", 2).build());
            assertEquals(Messages.expectedError("no_peer_associated_before", room, null), client.awaitError("no_peer_associated_before"));
            client.send(Json.createObjectBuilder().add("command", "getTrackList").build());
            assertEquals(Messages.expectedError("noStreamNameSpecified", null, null), client.awaitError("noStreamNameSpecified"));
            client.send(Json.createObjectBuilder(Messages.publish(room + "-s")).add("mainTrack", "not a room!").build());
            assertEquals(Messages.expectedError("invalidStreamName", room + "-s", null), client.awaitError("invalidStreamName"));
            assertEquals(0, Server.registries().getInt("publishedStreams"));
            client.send(Json.createObjectBuilder().add("command", "getSubtracksCount").add("streamId", room).build());
            JsonObject count = client.awaitNotification("subtrackCount");
            assertEquals(0, count.getInt("count"), count::toString);
            client.send(Json.createObjectBuilder().add("command", "getTrackList").add("streamId", room).build());
            assertEquals(0, client.awaitMessage("trackList").getJsonArray("trackList").size());
            client.assertNothingPending();
        }
    }

    /**
     * The Signalbox SDK's rooms (its conference demo page): each member publishes once into the
     * room's conference and plays each other member from Janus, so its upload stays one copy. Four
     * members, where a mesh would send three copies: six Chromium pages decoding thirty videos
     * beside Janus starved a 2-core machine (Janus dropped packets over a second old).
     */
    @Test
    void signalboxsSdkFourMembersEachDecodeTheOtherThreeUploadingOnce() {
        String room = Ids.unique("sdkconf");
        List<Page> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            members.add(sdkMember(room));
        }
        awaitEachDecodes(members, 1);
        Page first = members.get(0);
        String own = ownStream(first);
        double withTwo = SfuPages.stableUploadBitsPerSecond(first, SfuPages.SDK_CONNECTION, own);
        for (int i = 2; i < 4; i++) {
            members.add(sdkMember(room));
        }
        awaitEachDecodes(members, 3);
        Browsers.awaitTileFigures(members.get(3), 3);
        double withFour = SfuPages.stableUploadBitsPerSecond(first, SfuPages.SDK_CONNECTION, own);
        System.out.printf("SfuConferenceIT: a Signalbox SDK member uploads %.0f b/s with two members, %.0f with four%n", withTwo, withFour);
        // A mesh would send three copies: about three times the upload with two.
        assertTrue(withFour <= 1.5 * withTwo, "upload with four members " + withFour + " b/s, with two " + withTwo);
        assertEquals(1, first.evaluate("own => [...window.demo.client.links.keys()].filter(k => k === own || k.startsWith(own + '/')).length",
                own), "connections carrying the member's own stream");
        for (Page page : members) {
            assertEquals(List.of(), page.evaluate("() => window.demo.errors"), "errors on a member's page");
        }
        Browsers.screenshot(first, "sfu-conference-sdk");
    }

    /**
     * A member whose connections to Janus never come up (relay-only ICE, no TURN server) has its
     * publish stopped by Signalbox's SDK after 15 s and published again into the same room, so the
     * other member gets it, as it gets the other's.
     */
    @Test
    void aMembersPublishThatNeverConnectsIsPublishedAgainIntoItsRoom() {
        String room = Ids.unique("sdkstuck");
        Page steady = sdkMember(room);
        Page stuck = browsers.openAt(Server.PORT, "/demo/conference.html?height=120&relay=1&room=" + room);
        pages.add(stuck);
        Browsers.awaitConnected(stuck);
        SfuPages.stuckUntil(stuck, "publish_finished");
        stuck.click("#join");
        stuck.waitForFunction("() => window.demo.events.includes('publish_started')", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertEquals(List.of("publish_finished", "publish_started"),
                stuck.evaluate("() => window.demo.events.filter(e => e.startsWith('publish_'))"), "the stuck member's events");
        awaitEachDecodes(List.of(steady, stuck), 1);
        // Both streams are the room's tracks (a player of the room gets both), not one a plain broadcast.
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Json.createObjectBuilder().add("command", "getTrackList").add("streamId", room).build());
            assertEquals(java.util.Set.of(ownStream(steady), ownStream(stuck)), client.awaitMessage("trackList").getJsonArray("trackList")
                    .getValuesAs(jakarta.json.JsonString::getString).stream().collect(java.util.stream.Collectors.toSet()), "the room's tracks");
        }
        assertEquals(1, Server.registries().getInt("conferences"));
        for (Page page : List.of(steady, stuck)) {
            assertEquals(List.of(), page.evaluate("() => window.demo.errors"), "errors on a member's page");
        }
    }

    /** The members whose video the page's player of {@code room} gets, as Ant Media's SDK hears it ({@code videoTrackAssignmentList}). */
    @SuppressWarnings("unchecked")
    private static List<String> videoAssignments(Page page, String room) {
        page.evaluate("room => { window.amsAssignments = null;"
                + " if (!window.amsAssignmentsHeard) { window.amsAssignmentsHeard = true; window.ams.addEventListener((info, obj) => {"
                + "   if (info === 'videoTrackAssignmentList') window.amsAssignments = obj.payload; }); }"
                + " window.ams.requestVideoTrackAssignments(room); }", room);
        page.waitForFunction("() => window.amsAssignments !== null");
        assertEquals(List.of(true), page.evaluate("() => [...new Set(window.amsAssignments.map(a => a.videoLabel === a.trackId))]"),
                "each video shows under its member's own label");
        return (List<String>) page.evaluate("() => window.amsAssignments.map(a => a.trackId)");
    }

    private static String ownStream(Page page) {
        return (String) page.evaluate("() => [...window.demo.client.rooms.entries()][0][1]");
    }

    /** Waits until each page decodes {@code others} remote videos. */
    private static void awaitEachDecodes(List<Page> members, int others) {
        for (Page page : members) {
            try {
                page.waitForFunction("n => [...document.querySelectorAll('#remotes video')].filter(v => v.videoWidth > 0).length === n",
                        others, new Page.WaitForFunctionOptions().setTimeout(45_000).setPollingInterval(250));
            } catch (com.microsoft.playwright.PlaywrightException e) {
                throw new AssertionError("expected " + others + " decoded members, the page shows " + page.evaluate(
                        "() => JSON.stringify({ videos: [...document.querySelectorAll('#remotes video')].map(v => v.title + ':' + v.videoWidth),"
                        + " events: window.demo.events, errors: window.demo.errors })"), e);
            }
        }
    }

    private Page sdkMember(String room) {
        Page page = browsers.openAt(Server.PORT, "/demo/conference.html?height=120&room=" + room);
        pages.add(page);
        Browsers.awaitConnected(page);
        page.click("#join");
        try {
            page.waitForFunction("() => window.demo.events.includes('publish_started')", null,
                    new Page.WaitForFunctionOptions().setTimeout(45_000));
        } catch (com.microsoft.playwright.PlaywrightException e) {
            throw new AssertionError("no publish_started: " + page.evaluate("() => JSON.stringify({ events: window.demo.events,"
                    + " errors: window.demo.errors })"), e);
        }
        return page;
    }

    private void awaitEachDecodesTheOthers(Map<String, Page> members) {
        members.forEach((me, page) -> SfuPages.awaitMembers(page,
                members.keySet().stream().filter(other -> !other.equals(me)).toList()));
    }

    private Page member(String room, String me) {
        Page page = SfuPages.conferenceMember(browsers, bundle, Server.PORT, room, me);
        pages.add(page);
        return page;
    }
}
