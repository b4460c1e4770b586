package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ant Media's own JS SDK, unchanged, against Signalbox in real Chromium. */
@ExtendWith(ArquillianExtension.class)
@Tag("browser")
class AmsSdkIT {
    private static Browsers browsers;
    private static String bundle;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeAll
    static void launch() throws Exception {
        bundle = AmsSdk.browserBundle();
        browsers = Browsers.withFakeMedia();
    }

    @AfterAll
    static void quit() {
        browsers.close();
    }

    /** A page running WebRTCAdaptor against this server, its callbacks recorded in window.ams*. */
    private static Page adaptorPage() {
        Page page = browsers.open("/");
        page.evaluate("() => { document.body.innerHTML = '<video id=\"localVideo\" autoplay muted playsinline></video>"
                + "<video id=\"remoteVideo\" autoplay muted playsinline></video>'; }");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(bundle));
        // The bundle's only plugin, background video effects, needs @mediapipe/selfie_segmentation's
        // global, which a page without effects does not load; signaling and media do not use it.
        page.evaluate("() => { window.webrtc_adaptor.WebRTCAdaptor.pluginInitMethods.length = 0;"
                + " window.amsEvents = []; window.amsErrors = [];"
                + " window.ams = new window.webrtc_adaptor.WebRTCAdaptor({"
                + "  websocket_url: location.origin.replace('http', 'ws') + '/websocket',"
                + "  mediaConstraints: { video: true, audio: true }, peerconnection_config: { iceServers: [] },"
                + "  sdp_constraints: { OfferToReceiveAudio: true, OfferToReceiveVideo: true },"
                + "  localVideoId: 'localVideo', remoteVideoId: 'remoteVideo', isPlayMode: false, debug: false,"
                + "  callback: (info) => window.amsEvents.push(info),"
                + "  callbackError: (error) => window.amsErrors.push(error) }); }");
        page.waitForFunction("() => window.amsEvents.includes('initialized')");
        return page;
    }

    @Test
    void twoAntMediaAdaptorsCompleteAPeerToPeerCall() {
        String s = Ids.unique("ams-call");
        Page a = adaptorPage();
        Page b = adaptorPage();
        a.evaluate("s => window.ams.join(s)", s);
        a.waitForFunction("() => window.amsEvents.includes('joined')");
        b.evaluate("s => window.ams.join(s)", s);
        for (Page page : new Page[] {a, b}) {
            page.waitForFunction("() => { const v = document.getElementById('remoteVideo');"
                    + " return v.videoWidth > 0 && v.srcObject.getVideoTracks().some(t => t.readyState === 'live'); }");
        }
        Browsers.screenshot(a, "ams-p2p");
        a.evaluate("s => window.ams.leave(s)", s);
        a.waitForFunction("() => window.amsEvents.includes('leaved')");
        a.context().close();
        b.context().close();
    }

    /**
     * Through Ant Media's SDK: a publisher turns its video off and changes its metadata, and its
     * player hears both and reads them back in the broadcast object; the player lists the
     * subscribers and asks for its own debug info.
     */
    @Test
    void antMediasStreamCommandsReachTheirCallbacks() {
        String s = Ids.unique("ams-details");
        Page publisher = adaptorPage();
        Page player = adaptorPage();
        for (Page page : List.of(publisher, player)) {
            page.evaluate("() => { window.amsSeen = {}; window.ams.addEventListener((info, obj) => { window.amsSeen[info] = obj; }); }");
        }
        publisher.evaluate("s => window.ams.publish(s, null, null, null, 'Ada', '', '{\"topic\":\"maths\"}')", s);
        publisher.waitForFunction("() => window.amsEvents.includes('publish_started')");
        player.evaluate("s => window.ams.play(s)", s);
        player.waitForFunction("() => window.amsEvents.includes('play_started')");
        publisher.evaluate("s => { window.ams.toggleVideo(s, s, false); window.ams.updateStreamMetaData(s, '{\"topic\":\"physics\"}'); }", s);
        player.waitForFunction("() => window.amsSeen.videoToggled && window.amsSeen.streamMetaDataUpdated");
        assertEquals(false, player.evaluate("() => window.amsSeen.videoToggled.enabled"));
        assertEquals("{\"topic\":\"physics\"}", player.evaluate("() => window.amsSeen.streamMetaDataUpdated.metaData"));
        player.evaluate("s => { window.ams.getBroadcastObject(s); window.ams.getSubscriberList(s, 0, 10); window.ams.getDebugInfo(s); }", s);
        player.waitForFunction("() => window.amsSeen.broadcastObject && window.amsSeen.subscriberList && window.amsSeen.debugInfo");
        assertEquals(List.of("Ada", "{\"topic\":\"physics\"}", false, 1), player.evaluate("() => { const b = JSON.parse(window.amsSeen.broadcastObject.broadcast);"
                + " return [b.name, b.metaData, b.videoEnabled, b.webRTCViewerCount]; }"));
        assertEquals(1, player.evaluate("() => window.amsSeen.subscriberList.subscriberList.length"));
        assertEquals(List.of(s), player.evaluate("() => JSON.parse(window.amsSeen.debugInfo.debugInfo).plays"));
        assertEquals(List.of(), player.evaluate("() => window.amsErrors"));
        publisher.context().close();
        player.context().close();
    }

    @Test
    void antMediasCallbackErrorReceivesNoRoomSpecifiedAndNoStreamNameSpecified() {
        Page page = adaptorPage();
        page.evaluate("() => window.ams.joinRoom('')");
        page.waitForFunction("() => window.amsErrors.includes('no_room_specified')");
        page.evaluate("() => window.ams.join('')");
        page.waitForFunction("() => window.amsErrors.includes('noStreamNameSpecified')");
        page.context().close();
    }
}
