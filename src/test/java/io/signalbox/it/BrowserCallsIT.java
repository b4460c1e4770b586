package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo pages in real headless Chromium with fake devices: calls, broadcasts and rooms carry video. */
@ExtendWith(ArquillianExtension.class)
@Tag("browser")
class BrowserCallsIT {
    private static Browsers browsers;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeAll
    static void launch() {
        browsers = Browsers.withFakeMedia();
    }

    @AfterAll
    static void quit() {
        browsers.close();
    }

    /** Two 1:1 pages join {@code s} one after the other; returns them once each decodes the other's video. */
    private static Page[] call(String s) {
        Page a = browsers.open("/demo/p2p.html?streamId=" + s);
        Page b = browsers.open("/demo/p2p.html?streamId=" + s);
        Browsers.awaitConnected(a);
        Browsers.awaitConnected(b);
        a.click("#join");
        a.waitForFunction("() => window.demo.events.includes('joined')");
        b.click("#join");
        Browsers.awaitRemoteVideos(a, 1);
        Browsers.awaitRemoteVideos(b, 1);
        return new Page[] {a, b};
    }

    @Test
    void twoPagesCompleteAPeerToPeerCallAndEachReceivesTheOthersVideo() {
        String s = Ids.unique("browser-call");
        Page[] call = call(s);
        Page a = call[0];
        Page b = call[1];
        Browsers.screenshot(a, "p2p");
        a.click("#leave");
        b.waitForFunction("() => window.demo.events.includes('stop')");
        assertEquals(0, (int) b.evaluate("() => window.demo.errors.length"), () -> String.valueOf(b.evaluate("() => JSON.stringify(window.demo.errors)")));
        a.context().close();
        b.context().close();
    }

    @Test
    void afterADroppedSocketThePageReconnectsRejoinsAndTheCallResumes() {
        String s = Ids.unique("browser-reconnect");
        Page[] call = call(s);
        Page a = call[0];
        Page b = call[1];
        String streams = "() => window.demo.events.filter(e => e === 'newStreamAvailable').length";
        int before = ((Number) b.evaluate(streams)).intValue();
        // The socket drops under the SDK (as a network would): not the SDK's own close().
        a.evaluate("() => window.demo.client.connection.socket.close(4000, 'dropped')");
        b.waitForFunction("() => window.demo.events.includes('stop')");
        a.waitForFunction("() => window.demo.events.includes('reconnected')");
        b.waitForFunction("n => window.demo.events.filter(e => e === 'newStreamAvailable').length > n", before);
        Browsers.awaitRemoteVideos(a, 1);
        Browsers.awaitRemoteVideos(b, 1);
        a.context().close();
        b.context().close();
    }

    @Test
    void aPublisherWithTwoViewersSendsVideoToBoth() {
        String s = Ids.unique("browser-publish");
        Page[] pages = browsers.broadcast(s, 2);
        Page publisher = pages[0];
        Page first = pages[1];
        Page second = pages[2];
        publisher.waitForFunction("() => Object.values(window.demo.peerStates).filter(s => s === 'connected').length === 2");
        // The live figures: in a mesh the publisher sends on one connection per viewer; each viewer shows what it decodes.
        publisher.waitForFunction("s => Object.entries(window.demo.stats || {}).filter(([k, v]) => k.startsWith(s + '/') && v.sent > 0).length === 2", s);
        first.waitForFunction("s => (window.demo.stats?.[s]?.height || 0) > 0 && window.demo.stats[s].received > 0", s);
        Browsers.screenshot(publisher, "publish");
        Browsers.screenshot(first, "play");
        publisher.click("#stop");
        first.waitForFunction("() => window.demo.events.includes('play_finished')");
        second.waitForFunction("() => window.demo.events.includes('play_finished')");
        for (Page page : new Page[] {publisher, first, second}) {
            page.context().close();
        }
        Awaitility.await().atMost(SignalingClient.TIMEOUT).untilAsserted(() -> {
            assertEquals(0, Server.registries().getInt("publishedStreams"));
            assertEquals(0, Server.registries().getInt("viewers"));
        });
    }

    @Test
    void threeMembersOfARoomEachReceiveTheOtherTwo() {
        String room = Ids.unique("browser-room");
        Page[] members = new Page[3];
        for (int i = 0; i < members.length; i++) {
            members[i] = browsers.open("/demo/conference.html?room=" + room);
            Browsers.awaitConnected(members[i]);
            members[i].click("#join");
            members[i].waitForFunction("() => window.demo.events.includes('joinedTheRoom')");
        }
        for (Page member : members) {
            Browsers.awaitRemoteVideos(member, 2);
        }
        for (Page member : members) {
            Browsers.awaitTileFigures(member, 2);
        }
        Browsers.screenshot(members[0], "conference");
        members[2].click("#leave");
        members[0].waitForFunction("() => window.demo.events.includes('streamLeaved')");
        members[0].waitForFunction("() => document.querySelectorAll('#remotes figure').length === 1");
        for (Page member : members) {
            member.context().close();
        }
        Awaitility.await().atMost(SignalingClient.TIMEOUT).untilAsserted(() -> {
            assertEquals(0, Server.registries().getInt("rooms"));
            assertEquals(0, Server.registries().getInt("sessions"));
        });
    }
}
