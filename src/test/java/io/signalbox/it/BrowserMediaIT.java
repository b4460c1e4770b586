package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the SDK does to the media it sends, read back from Chromium's own RTCRtpSender: the
 * server's encoder ladder caps the publisher's encodings, forceStreamQuality moves one viewer to
 * another rung, and a screen share replaces the camera on the wire.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("browser")
class BrowserMediaIT {
    private static final String LADDER = "[{\"height\":480,\"videoBitrate\":900000,\"audioBitrate\":64000},"
            + "{\"height\":240,\"videoBitrate\":300000,\"audioBitrate\":32000}]";
    /** The publisher's one video sender's first encoding, as the browser reports it. */
    private static final String ENCODING = "() => { const link = [...window.demo.client.links.values()][0];"
            + " const sender = link.pc.getSenders().find(s => s.track && s.track.kind === 'video');"
            + " const e = sender.getParameters().encodings[0];"
            + " return { maxBitrate: e.maxBitrate, scale: e.scaleResolutionDownBy, label: sender.track.label }; }";
    private static Browsers browsers;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.encoder.settings=" + LADDER);
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
    void theLadderCapsWhatThePublisherSendsAndForceStreamQualityMovesAViewerDown() {
        String s = Ids.unique("browser-ladder");
        Page[] pages = browsers.broadcast(s, 1);
        Page publisher = pages[0];
        Page viewer = pages[1];

        publisher.waitForFunction("() => { const e = (" + ENCODING + ")(); return e.maxBitrate === 900000; }");
        viewer.evaluate("s => window.demo.client.connection.send({ command: 'forceStreamQuality', streamId: s,"
                + " streamHeight: 240 })", s);
        viewer.waitForFunction("() => window.demo.events.includes('resolutionChangeInfo')");
        publisher.waitForFunction("() => { const e = (" + ENCODING + ")(); return e.maxBitrate === 300000; }");
        java.util.Map<?, ?> encoding = (java.util.Map<?, ?>) publisher.evaluate(ENCODING);
        assertEquals(300000, ((Number) encoding.get("maxBitrate")).intValue());
        assertTrue(((Number) encoding.get("scale")).doubleValue() > 1, "240 lines from a taller camera: " + encoding);
        publisher.context().close();
        viewer.context().close();
    }

    @Test
    void aScreenShareReplacesTheCameraOnEveryConnectionAndStoppingPutsItBack() {
        String s = Ids.unique("browser-screen");
        Page[] pages = browsers.broadcast(s, 1);
        Page publisher = pages[0];
        Page viewer = pages[1];
        String camera = (String) ((java.util.Map<?, ?>) publisher.evaluate(ENCODING)).get("label");

        publisher.click("#screen");
        publisher.waitForFunction("camera => (" + ENCODING + ")().label !== camera", camera);
        assertNotEquals(camera, ((java.util.Map<?, ?>) publisher.evaluate(ENCODING)).get("label"));
        publisher.click("#screen-stop");
        publisher.waitForFunction("camera => (" + ENCODING + ")().label === camera", camera);
        assertEquals(0, ((Number) publisher.evaluate("() => window.demo.errors.length")).intValue());
        publisher.context().close();
        viewer.context().close();
    }
}
