package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each abuse limit provoked for real, with the server serving other sessions afterwards. */
@ExtendWith(ArquillianExtension.class)
class LimitsIT {
    static final String ALLOWED_ORIGIN = "https://app.example";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(
                "signalbox.limits.max-frame-bytes=1024",
                "signalbox.limits.messages-per-second=5",
                "signalbox.limits.max-sessions=3",
                "signalbox.limits.idle-timeout-seconds=2",
                "signalbox.security.allowed-origins=" + ALLOWED_ORIGIN + ", https://other.example");
    }

    @Test
    void anOversizedFrameIsMessageTooLargeThenClose1009() {
        awaitNoSessions();
        try (SignalingClient big = SignalingClient.connect(); SignalingClient bystander = SignalingClient.connect()) {
            big.send("{\"command\":\"ping\",\"pad\":\"" + "x".repeat(1100) + "\"}");
            assertEquals(Messages.expectedError("message_too_large", null, null), big.awaitError("message_too_large"));
            assertEquals(1009, big.awaitClose());
            bystander.assertNothingPending();
        }
    }

    @Test
    void aFloodIsRateLimitedOnceAndTheSessionRecovers() {
        awaitNoSessions();
        try (SignalingClient flooder = SignalingClient.connect(); SignalingClient bystander = SignalingClient.connect()) {
            // A burst of four seconds' worth (5 a second here) passes; the rest is dropped.
            int burst = 5 * io.signalbox.signaling.LimitsConfig.BURST_SECONDS;
            for (int i = 0; i < 2 * burst; i++) {
                flooder.send("{\"command\":\"ping\"}");
            }
            for (int i = 0; i < burst; i++) {
                flooder.awaitMessage("pong");
            }
            assertEquals(Messages.expectedError("rate_limited", null, null), flooder.awaitError("rate_limited"));
            bystander.assertNothingPending();
            // Once the budget refills, the same session is served again.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(flooder::assertNothingPending);
        }
    }

    @Test
    void anIdleSessionIsClosedAndReleased() {
        awaitNoSessions();
        String s = Ids.unique("idle");
        try (SignalingClient idle = SignalingClient.connect(); SignalingClient active = SignalingClient.connect()) {
            idle.send(Messages.join(s));
            idle.awaitNotification("joined");
            active.send(Messages.join(s));
            active.awaitNotification("joined");
            idle.awaitMessage("start");
            // idle now says nothing; active keeps talking, so only idle times out, and its peer hears of it.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
                active.send("{\"command\":\"ping\"}");
                return active.nextMessage().getString("command").equals("stop");
            });
            // Signalbox's own sweep closes it, with the same code and reason on every server.
            assertEquals(1001, idle.awaitClose());
            assertEquals("code 1001 idle timeout", idle.closeReason());
        }
    }

    @Test
    void aSessionPastTheNodeLimitIsClosedWith1013() {
        awaitNoSessions();
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient c = SignalingClient.connect(); SignalingClient d = SignalingClient.connect()) {
            assertEquals(1013, d.awaitClose());
            a.assertNothingPending();
            c.assertNothingPending();
        }
    }

    @Test
    void aForeignOriginIsRefusedWith403AndListedOnesAreServed() {
        awaitNoSessions();
        CompletionException refused = assertThrows(CompletionException.class,
                () -> SignalingClient.connectFrom("https://evil.example"));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
        try (SignalingClient page = SignalingClient.connectFrom(ALLOWED_ORIGIN);
                SignalingClient other = SignalingClient.connectFrom("https://other.example")) {
            page.assertNothingPending();
            other.assertNothingPending();
        }
    }

    private static void awaitNoSessions() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Server.registries().getInt("sessions") == 0);
    }
}
