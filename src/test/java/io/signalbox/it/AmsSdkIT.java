package io.signalbox.it;

import com.microsoft.playwright.Page;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ant Media's own JS SDK, unchanged, against Signalbox in real Chromium. */
@ExtendWith(ArquillianExtension.class)
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
