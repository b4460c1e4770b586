package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each section 11 error provoked in real Chromium and seen by the SDK's callbackError under its
 * exact name. Causes the browser cannot produce on demand (an insecure context, no WebSocket, a
 * device another process holds) are simulated in the page, and say so.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("browser")
class BrowserErrorsIT {
    private static Browsers fake;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeAll
    static void launch() {
        fake = Browsers.withFakeMedia();
    }

    @AfterAll
    static void quit() {
        fake.close();
    }

    /**
     * Runs {@code body} in a page with {@code Signalbox} imported and {@code make(options)} making a
     * client whose callbackError collects names; returns them.
     */
    @SuppressWarnings("unchecked")
    private static List<String> errorsFrom(Page page, String body) {
        return (List<String>) page.evaluate("async () => {"
                + " const { Signalbox } = await import('/sdk/signalbox.js');"
                + " const errors = [];"
                + " const make = (o = {}) => new Signalbox({ ...o, callbackError: (e) => errors.push(e) });"
                + " const run = async () => { " + body + " };"
                // A browser that waits on a prompt would hang the test: give up, and say so.
                + " const timeout = new Promise((resolve) => setTimeout(() => resolve('timed out'), 10000));"
                + " try { if (await Promise.race([run(), timeout]) === 'timed out') errors.push('timed out'); }"
                + " catch (e) { /* the callback already has it */ }"
                + " return errors; }");
    }

    private static Page blank(Browsers browsers) {
        return browsers.open("/");
    }

    @Test
    void aDeniedCameraIsNotAllowedError() {
        try (Browsers denying = Browsers.withFlags("--use-fake-device-for-media-stream", "--deny-permission-prompts")) {
            assertEquals(List.of("NotAllowedError"), errorsFrom(blank(denying), "await make().openLocalMedia();"));
        }
    }

    @Test
    void noDeviceAtAllIsNotFoundError() {
        try (Browsers empty = Browsers.withFlags("--use-fake-ui-for-media-stream")) {
            assertEquals(List.of("NotFoundError"), errorsFrom(blank(empty), "await make().openLocalMedia();"));
        }
    }

    @Test
    void anImpossibleConstraintIsOverconstrainedError() {
        assertEquals(List.of("OverconstrainedError"), errorsFrom(blank(fake),
                "await make({ mediaConstraints: { video: { width: { exact: 10000 } } } }).openLocalMedia();"));
    }

    @Test
    void anInsecureContextIsNotSupportedError() {
        // Simulated: the test server is plain http on localhost, which browsers count as secure.
        assertEquals(List.of("NotSupportedError"), errorsFrom(blank(fake),
                "Object.defineProperty(window, 'isSecureContext', { value: false }); await make().openLocalMedia();"));
    }

    @Test
    void noWebSocketIsWebSocketNotSupported() {
        // Simulated: every browser has WebSocket; old embedded views and some workers do not.
        assertEquals(List.of("WebSocketNotSupported"), errorsFrom(blank(fake),
                "window.WebSocket = undefined; await make().connect();"));
    }

    @Test
    void turningOnWhatIsOnIsAudioAlreadyActiveOrVideoAlreadyActive() {
        assertEquals(List.of("AudioAlreadyActive", "VideoAlreadyActive"), errorsFrom(blank(fake),
                "const c = make(); await c.openLocalMedia(); c.unmuteLocalMic(); c.turnOnLocalCamera();"
                        + " c.muteLocalMic(); c.unmuteLocalMic(); c.turnOffLocalCamera(); c.turnOnLocalCamera();"));
    }

    @Test
    void aRefusedScreenShareIsScreenSharePermissionDenied() {
        // Headless Chromium has no picker for a user to refuse (it either waits forever or, with the
        // fake UI, accepts), so the page is served with a Permissions-Policy that refuses screen
        // capture: Chromium then rejects getDisplayMedia itself, as it does for a refusing user.
        Page page = fake.open("/");
        page.route(Server.http("/").toString(), route -> {
            var response = route.fetch();
            var headers = new java.util.HashMap<>(response.headers());
            headers.put("permissions-policy", "display-capture=()");
            route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(response).setHeaders(headers));
        });
        page.reload();
        assertEquals(List.of("screen_share_permission_denied"), errorsFrom(page,
                "const c = make(); await c.openLocalMedia(); await c.startScreenShare();"));
    }

    @Test
    void publishingWithoutAConnectionIsNoActiveConnection() {
        assertEquals(List.of("NoActiveConnection", "NoActiveConnection"), errorsFrom(blank(fake),
                "const c = make(); c.turnOnLocalCamera(); await c.publish('never-sent');"));
    }

    @ParameterizedTest
    @CsvSource({
        "AbortError, AbortError",
        "SecurityError, SecurityError",
        "NotReadableError, Camera or Mic is being used by some other process that does not let read the devices",
        "TrackStartError, Camera or Mic is being used by some other process that does not let read the devices"})
    void devicesFailingInOtherWaysAreNamedAsDocumented(String domException, String expected) {
        // Simulated: a device held by another process or a policy block cannot be staged here.
        assertEquals(List.of(expected), errorsFrom(blank(fake),
                "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('staged', '"
                        + domException + "')); await make().openLocalMedia();"));
    }

    @Test
    void aRejectedRemoteDescriptionIsNotSetRemoteDescription() {
        String s = Ids.unique("bad-answer");
        Page page = blank(fake);
        page.evaluate("async (s) => { const { Signalbox } = await import('/sdk/signalbox.js');"
                + " window.errors = []; window.c = new Signalbox({ callbackError: (e) => window.errors.push(e),"
                + " callback: (i) => i === 'joined' && (window.joined = true) });"
                + " await window.c.connect(); await window.c.join(s); }", s);
        page.waitForFunction("() => window.joined");
        try (SignalingClient peer = SignalingClient.connect()) {
            peer.send(Messages.join(s));
            peer.awaitNotification("joined");
            JsonObject offer = peer.awaitMessage("takeConfiguration");
            assertEquals("offer", offer.getString("type"));
            peer.send(Messages.configuration(s, "answer", "this is not SDP"));
            page.waitForFunction("() => window.errors.includes('notSetRemoteDescription')");
        }
    }

    @Test
    void aFailedLocalDescriptionIsNotSetLocalDescriptionHereAndReportedToThePeer() {
        // Simulated: Chromium sets the descriptions it creates itself, so the failure is staged.
        String s = Ids.unique("bad-local");
        Page page = blank(fake);
        page.evaluate("async (s) => { const { Signalbox } = await import('/sdk/signalbox.js');"
                + " RTCPeerConnection.prototype.setLocalDescription = () => Promise.reject(new DOMException('staged', 'InvalidStateError'));"
                + " window.errors = []; window.c = new Signalbox({ callbackError: (e) => window.errors.push(e),"
                + " callback: (i) => i === 'joined' && (window.joined = true) });"
                + " await window.c.connect(); await window.c.join(s); }", s);
        page.waitForFunction("() => window.joined");
        try (SignalingClient peer = SignalingClient.connect()) {
            peer.send(Messages.join(s));
            peer.awaitNotification("joined");
            page.waitForFunction("() => window.errors.includes('notSetLocalDescription')");
            assertEquals(Messages.expectedError("notSetLocalDescription", s, null), peer.awaitError("notSetLocalDescription"));
        }
    }

    @Test
    void aServerErrorReachesCallbackErrorUnderItsDefinition() {
        assertEquals(List.of("noStreamNameSpecified"), errorsFrom(blank(fake),
                "const c = make(); await c.connect(); c.play('');"
                        + " await new Promise((resolve) => c.addEventListener('error', resolve, { once: true }));"));
    }
}
