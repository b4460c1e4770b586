package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whatever sessions did and however they ended, nothing of them stays in the server. */
@ExtendWith(ArquillianExtension.class)
class RegistriesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void registriesEmptyOutAfterClosedAndDroppedSessions() {
        awaitEmpty();
        List<SignalingClient> clients = new ArrayList<>();
        for (int pair = 0; pair < 6; pair++) {
            String s = Ids.unique("pair" + pair);
            SignalingClient a = SignalingClient.connect();
            SignalingClient b = SignalingClient.connect();
            clients.add(a);
            clients.add(b);
            PeerToPeerIT.joinPair(a, b, s);
            // Half the first peers also hold a second stream alone, and send garbage that must leave nothing.
            if (pair % 2 == 0) {
                a.send(Messages.join(Ids.unique("solo")));
                a.awaitNotification("joined");
                a.send("{\"command\":\"join\",\"streamId\":5}");
                a.awaitError("invalid_message");
            }
        }
        JsonObject busy = Server.registries();
        assertEquals(12, busy.getInt("sessions"));
        assertEquals(9, busy.getInt("p2pStreams"));

        for (int i = 0; i < clients.size(); i++) {
            if (i % 4 == 0) {
                clients.get(i).abort();
            } else {
                clients.get(i).close();
            }
        }
        awaitEmpty();
    }

    private static void awaitEmpty() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonObject idle = Server.registries();
            assertEquals(0, idle.getInt("sessions"), idle::toString);
            assertEquals(0, idle.getInt("p2pStreams"), idle::toString);
        });
    }

    /**
     * Liberty's handshake asks for the request's HTTP session, which makes one, with its cookie,
     * that outlives the socket: a WebSocket upgrade must leave none behind. Read off the raw 101,
     * as the JDK's client does not show a handshake's response headers. The reason phrase is the
     * server's own ("Switching Protocols" on Liberty, "Web Socket Protocol Handshake" on Payara);
     * the code is what counts. The socket then sends a masked {@code ping} and reads its
     * {@code pong}, so the session is open on both servers, and its drop releases the session (on
     * Payara, a socket dropped before the session opened is released by the idle sweep only: see
     * protocol.md, section 13).
     */
    @Test
    void anUpgradeMakesNoHttpSession() throws IOException {
        try (Socket socket = new Socket("localhost", Server.PORT)) {
            socket.setSoTimeout((int) SignalingClient.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /websocket HTTP/1.1\r\nHost: localhost:" + Server.PORT + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 101 "), status);
            List<String> headers = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty() && headers.size() < 100; line = in.readLine()) {
                headers.add(line);
            }
            assertFalse(headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Set-Cookie:", 0, 11)), headers::toString);
            byte[] ping = "{\"command\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);
            byte[] mask = {0x12, 0x34, 0x56, 0x78};
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | ping.length)});
            out.write(mask);
            for (int i = 0; i < ping.length; i++) {
                out.write(ping[i] ^ mask[i % 4]);
            }
            out.flush();
            // The answer is an unmasked text frame of under 126 bytes: two header bytes, then the JSON
            // (read as ISO-8859-1, which maps every byte to one char).
            assertEquals(0x81, in.read());
            char[] pong = new char[in.read()];
            for (int read = 0; read < pong.length; ) {
                int n = in.read(pong, read, pong.length - read);
                assertTrue(n > 0, "the answer ended early");
                read += n;
            }
            assertEquals("pong", Json.createReader(new StringReader(new String(pong))).readObject().getString("command"));
        }
        awaitEmpty();
    }
}
