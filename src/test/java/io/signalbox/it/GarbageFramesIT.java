package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Frames that are not commands are answered with invalid_message, and the session carries on. */
@ExtendWith(ArquillianExtension.class)
class GarbageFramesIT {
    private static final List<String> GARBAGE = List.of(
            "not json at all",
            "{\"command\":",
            "[]",
            "[{\"command\":\"ping\"}]",
            "12345678901234567890123456789012345678901234567890",
            "\"ping\"",
            "null",
            "{}",
            "{\"command\":42}",
            "{\"command\":null,\"streamId\":\"s\"}",
            "{\"command\":\"ping\"}{\"command\":\"ping\"}",
            "{\"command\":\"join\",\"streamId\":12345}",
            "{\"command\":\"join\",\"streamId\":{\"nested\":true}}",
            "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":123456789012345678901234567890,\"candidate\":\"c\"}",
            "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":0.5,\"candidate\":\"c\"}",
            "{\"command\":\"join\",\"streamId\":\"s\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            "{\"command\":\"join\",\"streamId\":\"s\",\"multiPeer\":\"maybe\"}",
            "\u0000\u0001\u0002",
            "{\"command\":\"ping\"\u2028}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void everyGarbageFrameIsInvalidMessageOnTheSameLiveSession() {
        String s = Ids.unique("after-garbage");
        try (SignalingClient client = SignalingClient.connect(); SignalingClient peer = SignalingClient.connect()) {
            for (String frame : GARBAGE) {
                client.send(frame);
                assertEquals(ErrorDefinition.INVALID_MESSAGE.message(),
                        client.awaitError("invalid_message").getString("message"), frame);
            }
            // The same session still does real work afterwards.
            PeerToPeerIT.joinPair(client, peer, s);
            client.send(Messages.candidate(s, 0, Messages.CANDIDATE));
            peer.awaitMessage("takeCandidate");
        }
    }

    /** The protocol is JSON text: a binary frame, even one holding a valid command, is invalid_message, and the session carries on. */
    @Test
    void aBinaryFrameIsInvalidMessageOnTheSameLiveSession() {
        assertBinaryFrameIsInvalidMessage(SignalingClient::connect);
    }

    /** Shared with {@link PayaraMicroIT}: every server answers a binary frame alike. */
    static void assertBinaryFrameIsInvalidMessage(java.util.function.Supplier<SignalingClient> connect) {
        try (SignalingClient client = connect.get()) {
            client.sendBinary("{\"command\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(ErrorDefinition.INVALID_MESSAGE.message(), client.awaitError("invalid_message").getString("message"));
            client.sendBinary(new byte[] {0, 1, 2});
            client.awaitError("invalid_message");
            client.send("{\"command\":\"ping\"}").awaitMessage("pong");
            client.assertNothingPending();
        }
    }

    @Test
    void aWrongTypeErrorNamesTheStreamWhenItWasAString() {
        String s = Ids.unique("typed");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"takeCandidate\",\"streamId\":\"" + s + "\",\"label\":[],\"candidate\":\"c\"}");
            assertEquals(s, client.awaitError("invalid_message").getString("streamId"));
        }
    }
}
