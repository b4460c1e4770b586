package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A peer that stops reading its socket: the server's writes to it back up, it is cut off and
 * released, and the sender, whose messages were on their way to it, carries on. Here with the
 * default writes (blocking, on virtual threads, when the server's JVM has them);
 * {@link SlowClientAsyncWritesIT} with the container's asynchronous writes.
 */
@ExtendWith(ArquillianExtension.class)
class SlowClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.limits.messages-per-second=1000");
    }

    @Test
    void aPeerThatReadsNothingIsCutOffAndTheSenderCarriesOn() {
        // Arquillian's Liberty runs on the JVM the tests run on.
        assertEquals(Runtime.version().feature() >= 21 ? "virtual-threads" : "async", Server.registries().getString("writes"));
        aPeerThatReadsNothingIsCutOff();
    }

    static void aPeerThatReadsNothingIsCutOff() {
        String s = Ids.unique("slow");
        try (SignalingClient sender = SignalingClient.connect()) {
            WebSocket deaf = deafClient();
            deaf.sendText(Messages.join(s).toString(), true).join();
            await().atMost(Duration.ofSeconds(10)).until(() -> Server.registries().getInt("p2pStreams") == 1);
            sender.send(Messages.join(s));
            sender.awaitNotification("joined");
            // About 60 kB a frame: the socket buffers fill after a few dozen, then writes back up.
            String sdp = "v=0\r\n" + "a=x-padding:" + "p".repeat(60_000) + "\r\n";
            for (int i = 0; i < 400 && Server.registries().getInt("sessions") == 2; i++) {
                sender.send(Messages.configuration(s, "offer", sdp));
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Server.registries().getInt("sessions") == 1);
            // Its partner is told the stream lost its other peer, and is served as before; the
            // offers that reached the server after the release find no peer and say so.
            sender.send("{\"command\":\"ping\"}");
            boolean stopped = false;
            for (JsonObject next = sender.nextMessage(); !"pong".equals(next.getString("command")); next = sender.nextMessage()) {
                if ("stop".equals(next.getString("command"))) {
                    stopped = true;
                } else {
                    assertEquals("no_peer_associated_before", next.getString("definition"), next::toString);
                }
            }
            assertTrue(stopped, "the sender was told its peer left");
            sender.assertNothingPending();
            deaf.abort();
        }
    }

    /** A client that never asks for a frame, so the JDK stops reading its socket. */
    private static WebSocket deafClient() {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(Server.websocket(), new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                // no request(1): nothing is read
            }
        }).orTimeout(10, TimeUnit.SECONDS).join();
    }
}
