package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Six clients that read nothing, each sent offers by its peer until the server's writes to
     * it block (more stuck writers than the machine has cores, so carrier threads a blocked write
     * held would be gone): meanwhile another pair's relay and pings go through, every one of them.
     * Then a frame offered to each stuck client once its write has been blocked five seconds
     * cuts it off, which shows the writes were stuck all along.
     */
    @Test
    void clientsWhoseWritesAreStuckDoNotHoldUpTheOthers() {
        int stuck = 6;
        String sdp = "v=0\r\n" + "a=x-padding:" + "p".repeat(60_000) + "\r\n";
        List<WebSocket> deaf = new ArrayList<>();
        List<SignalingClient> senders = new ArrayList<>();
        String prefix = Ids.unique("stuck");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            for (int i = 0; i < stuck; i++) {
                WebSocket client = deafClient();
                deaf.add(client);
                client.sendText(Messages.join(prefix + "-" + i).toString(), true).join();
                SignalingClient sender = SignalingClient.connect();
                senders.add(sender);
                int joined = i + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> Server.registries().getInt("p2pStreams") == joined);
                sender.send(Messages.join(prefix + "-" + i));
                sender.awaitNotification("joined");
                // 12 MB: more than the socket buffers of a client that reads nothing hold (the
                // first test's client took at most 144 such frames before it fell 256 behind),
                // and with the offers below fewer frames than may wait before a cut-off.
                for (int f = 0; f < 200; f++) {
                    sender.send(Messages.configuration(prefix + "-" + i, "offer", sdp));
                }
            }
            String h = prefix + "-healthy";
            a.send(Messages.join(h));
            a.awaitNotification("joined");
            b.send(Messages.join(h));
            b.awaitNotification("joined");
            a.awaitMessage("start");
            for (int i = 0; i < 50; i++) {
                a.send(Messages.candidate(h, 0, "candidate:" + i));
                a.send("{\"command\":\"ping\"}");
            }
            for (int i = 0; i < 50; i++) {
                assertEquals("candidate:" + i, b.awaitMessage("takeCandidate").getString("candidate"));
                a.awaitMessage("pong");
            }
            assertEquals(2 + 2 * stuck, Server.registries().getInt("sessions"), "every stuck client is still connected");
            // One small offer each half second (at most 40): the first after five seconds of a
            // blocked write cuts its client off.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (int i = 0; i < stuck; i++) {
                    senders.get(i).send(Messages.configuration(prefix + "-" + i, "offer", "v=0"));
                }
                return Server.registries().getInt("sessions") == 2 + stuck;
            });
            a.send(Messages.candidate(h, 0, "candidate:after"));
            assertEquals("candidate:after", b.awaitMessage("takeCandidate").getString("candidate"));
        } finally {
            deaf.forEach(WebSocket::abort);
            senders.forEach(SignalingClient::close);
        }
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
