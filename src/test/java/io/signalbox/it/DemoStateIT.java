package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the demo pages show is true after a leave, a stop and a publisher's end: tiles go with
 * their streams, the status line follows, the counts drop, and the server's registries with them
 * while the tabs stay open. Joining needs a token here, which the pages take from their token
 * field ({@code ?token=}).
 */
@ExtendWith(ArquillianExtension.class)
@Tag("browser")
class DemoStateIT {
    private static final String TILES = "() => document.querySelectorAll('#remotes figure.tile').length";
    private static final String STATE = "() => document.getElementById('state').textContent";

    private static Browsers browsers;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.security.token-required=join");
    }

    @BeforeAll
    static void launch() {
        browsers = Browsers.withFakeMedia();
    }

    @AfterAll
    static void quit() {
        browsers.close();
    }

    @Test
    void whenOnePeerLeavesTheOtherPageDropsItsTileAndWaitsAndTheLeaverShowsNoCall() {
        String s = Ids.unique("demo-call");
        String token = TokensIT.token("join", "streamId", s, c -> { });
        Page a = open("/demo/p2p.html?streamId=" + s + "&token=" + token);
        Page b = open("/demo/p2p.html?streamId=" + s + "&token=" + token);
        a.click("#join");
        a.waitForFunction("s => document.getElementById('state').textContent.includes(s + ': waiting for the other peer')", s);
        b.click("#join");
        Browsers.awaitRemoteVideos(a, 1);
        Browsers.awaitRemoteVideos(b, 1);
        b.waitForFunction("s => document.getElementById('state').textContent === 'signaling: open · ' + s + ': in a call'", s);

        a.click("#leave");
        b.waitForFunction(TILES + " === 0");
        b.waitForFunction("s => document.getElementById('state').textContent === 'signaling: open · ' + s + ': waiting for the other peer'", s);
        a.waitForFunction(TILES + " === 0");
        assertEquals("signaling: open", a.evaluate(STATE));
        assertEquals(List.of(), b.evaluate("() => window.demo.errors"));
        close(a, b);
    }

    @Test
    void theSdksPromisesResolveOnTheServersAnswerAndRejectWithItsDefinitionAndFrame() {
        String s = Ids.unique("demo-promise");
        Page page = open("/demo/p2p.html?streamId=" + s);
        String settled = "([call, id]) => window.demo.client[call](id).then(f => 'resolved ' + f.definition + ' ' + f.streamId,"
                + " e => 'rejected ' + e.definition + ' ' + e.frame?.streamId + ' ' + (e instanceof Error))";
        // No token in the field: the join is refused, by name, and the promise says so.
        assertEquals("rejected unauthorized_access " + s + " true", page.evaluate(settled, List.of("join", s)));
        assertEquals(0, Server.registries().getInt("p2pStreams"));
        // Nobody publishes it: refused; not a stream id at all: refused.
        assertEquals("rejected no_stream_exist nobody-" + s + " true", page.evaluate(settled, List.of("play", "nobody-" + s)));
        assertEquals("rejected invalidStreamName not/an/id true", page.evaluate(settled, List.of("publish", "not/an/id")));
        // The token typed into the field goes with the next command: joined.
        page.fill("#token", TokensIT.token("join", "streamId", s, c -> { }));
        assertEquals("resolved joined " + s, page.evaluate(settled, List.of("join", s)));
        assertEquals(1, Server.registries().getInt("p2pStreams"));
        close(page);
        Awaitility.await().atMost(SignalingClient.TIMEOUT).untilAsserted(() -> assertEquals(0, Server.registries().getInt("p2pStreams")));
    }

    @Test
    void thePlayPageShowsNoCameraNamesTheStreamAndSaysItEndedWhenThePublisherStops() {
        String s = Ids.unique("demo-play");
        Page publisher = open("/demo/publish.html?streamId=" + s + "&streamName=" + URLEncoder.encode("Lobby camera", StandardCharsets.UTF_8));
        publisher.click("#publish");
        publisher.waitForFunction("() => window.demo.events.includes('publish_started')");
        Page player = open("/demo/play.html?streamId=" + s);
        assertEquals(0, ((Number) player.evaluate("() => document.querySelectorAll('#camera-off, #media-controls, .tile.own').length")).intValue());
        player.click("#play");
        Browsers.awaitRemoteVideos(player, 1);
        player.waitForFunction("() => document.querySelector('#remotes figure b').textContent === 'Lobby camera'");
        player.waitForFunction("s => document.getElementById('state').textContent === 'signaling: open · ' + s + ': playing'", s);
        publisher.waitForFunction("s => document.getElementById('state').textContent === 'signaling: open · ' + s + ': publishing, 1 viewer connection'", s);

        publisher.click("#stop");
        player.waitForFunction(TILES + " === 0");
        player.waitForFunction("s => document.getElementById('state').textContent === 'signaling: open · ' + s + ': ended: its publisher stopped'", s);
        publisher.waitForFunction("() => document.getElementById('state').textContent === 'signaling: open'");
        // Nothing of it is left on the server, with both tabs still open.
        Awaitility.await().atMost(SignalingClient.TIMEOUT).untilAsserted(() -> {
            assertEquals(0, Server.registries().getInt("publishedStreams"));
            assertEquals(0, Server.registries().getInt("viewers"));
        });
        close(publisher, player);
    }

    @Test
    void aMemberWhoLeavesARoomEndsItsPublishAndPlaysAndEveryPageFollows() {
        String room = Ids.unique("demo-room");
        String token = TokensIT.token("join", "room", room, c -> { });
        String[] names = {"Ada", "Brian", "Chiara"};
        Page[] members = new Page[names.length];
        for (int i = 0; i < members.length; i++) {
            members[i] = open("/demo/conference.html?room=" + room + "&name=" + names[i] + "&token=" + token);
            members[i].click("#join");
            members[i].waitForFunction("() => window.demo.events.includes('joinedTheRoom')");
        }
        for (Page member : members) {
            Browsers.awaitRemoteVideos(member, 2);
        }
        // Captions name the members as they named themselves: from joinedTheRoom and from streamJoined.
        assertEquals(List.of("Brian", "Chiara"), captions(members[0]));
        assertEquals(List.of("Ada", "Brian"), captions(members[2]));
        Awaitility.await().atMost(SignalingClient.TIMEOUT).untilAsserted(() -> {
            assertEquals(3, Server.registries().getInt("publishedStreams"));
            assertEquals(6, Server.registries().getInt("viewers"));
        });

        members[2].click("#leave");
        members[2].waitForFunction(TILES + " === 0");
        members[2].waitForFunction("() => document.getElementById('state').textContent === 'signaling: open'");
        for (Page stays : new Page[] {members[0], members[1]}) {
            stays.waitForFunction(TILES + " === 1");
            // One connection to play the other member, one to feed it; the leaver's two are gone.
            stays.waitForFunction("() => window.demo.client.links.size === 2");
            stays.waitForFunction("() => Object.values(window.demo.viewers).reduce((a, b) => a + b, 0) === 1");
        }
        // The server forgot the leaver's stream and plays at once, though its tab is still open.
        Awaitility.await().atMost(SignalingClient.TIMEOUT).untilAsserted(() -> {
            assertEquals(2, Server.registries().getInt("publishedStreams"));
            assertEquals(2, Server.registries().getInt("viewers"));
        });
        assertTrue(members[2].evaluate("() => window.demo.errors").toString().equals("[]"),
                () -> String.valueOf(members[2].evaluate("() => JSON.stringify(window.demo.errors)")));
        close(members);
        Awaitility.await().atMost(SignalingClient.TIMEOUT).untilAsserted(() -> {
            assertEquals(0, Server.registries().getInt("rooms"));
            assertEquals(0, Server.registries().getInt("sessions"));
        });
    }

    @Test
    void aPageWithoutAnIdMakesOneAndPutsItInItsAddressSoTheLinkCarriesIt() {
        Page page = open("/demo/p2p.html");
        String id = (String) page.evaluate("() => document.getElementById('streamId').value");
        assertTrue(id.startsWith("call-"), id);
        assertEquals("?streamId=" + id, page.evaluate("() => location.search"));
        page.fill("#streamId", "renamed-call");
        assertEquals("?streamId=renamed-call", page.evaluate("() => location.search"));
        close(page);
    }

    private static Page open(String path) {
        Page page = browsers.open(path);
        Browsers.awaitConnected(page);
        return page;
    }

    @SuppressWarnings("unchecked")
    private static List<String> captions(Page page) {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('#remotes figure b')].map(b => b.textContent).sort()");
    }

    private static void close(Page... pages) {
        for (Page page : pages) {
            page.context().close();
        }
    }
}
