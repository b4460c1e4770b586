package io.signalbox.signaling.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import org.junit.jupiter.api.Test;

class ServerMessageJsonTest {

    @Test
    void encodesAnErrorWithBothNamesTheMessageAndTheStream() {
        assertEquals("{\"command\":\"error\",\"error\":\"noStreamNameSpecified\",\"definition\":\"noStreamNameSpecified\","
                + "\"message\":\"" + ErrorDefinition.NO_STREAM_NAME_SPECIFIED.message() + "\",\"streamId\":\"s1\"}",
                ServerMessageJson.encode(ServerMessage.Error.of(ErrorDefinition.NO_STREAM_NAME_SPECIFIED, "s1", null)));
    }

    @Test
    void encodesAnErrorAboutARoomWithTheRoom() {
        assertEquals("{\"command\":\"error\",\"error\":\"no_room_specified\",\"definition\":\"no_room_specified\","
                + "\"message\":\"" + ErrorDefinition.NO_ROOM_SPECIFIED.message() + "\",\"room\":\"r1\"}",
                ServerMessageJson.encode(ServerMessage.Error.of(ErrorDefinition.NO_ROOM_SPECIFIED, null, "r1")));
    }

    @Test
    void leavesOutAnEmptyStreamOrRoom() {
        assertEquals("{\"command\":\"error\",\"error\":\"not_allowed_unregistered_streams\",\"definition\":\"not_allowed_unregistered_streams\","
                + "\"message\":\"" + ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS.message() + "\"}",
                ServerMessageJson.encode(ServerMessage.Error.of(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS, "", "")));
    }

    @Test
    void encodesPongWithNothingElse() {
        assertEquals("{\"command\":\"pong\"}", ServerMessageJson.encode(ServerMessage.Signal.pong()));
    }

    @Test
    void encodesStartAndStopWithTheStream() {
        assertEquals("{\"command\":\"start\",\"streamId\":\"a\"}", ServerMessageJson.encode(ServerMessage.Signal.start("a", null)));
        assertEquals("{\"command\":\"stop\",\"streamId\":\"a\"}", ServerMessageJson.encode(ServerMessage.Signal.stop("a", null)));
    }

    @Test
    void encodesANotification() {
        assertEquals("{\"command\":\"notification\",\"definition\":\"joined\",\"streamId\":\"a\"}",
                ServerMessageJson.encode(ServerMessage.Notification.of(Notice.JOINED, "a")));
    }

    @Test
    void encodesRelayedConfigurationAndCandidateWithTheirFields() {
        assertEquals("{\"command\":\"takeConfiguration\",\"streamId\":\"a\",\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\",\"idMapping\":{}}",
                ServerMessageJson.encode(ServerMessage.Configuration.relay("a", "answer", "v=0\r\n", null)));
        assertEquals("{\"command\":\"takeCandidate\",\"streamId\":\"a\",\"label\":1,\"id\":\"1\",\"candidate\":\"c\"}",
                ServerMessageJson.encode(ServerMessage.Candidate.relay("a", 1, "1", "c", null)));
    }
}
