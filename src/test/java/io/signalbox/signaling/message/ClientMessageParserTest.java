package io.signalbox.signaling.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.signaling.message.ClientMessage.Invalid;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClientMessageParserTest {
    private final ClientMessageParser cut = new ClientMessageParser(65536);

    // Each fixture is what JSON.stringify makes of the object Ant Media's SDK 2.16.2 builds.

    @Test
    void decodesPingAsTheSdkSendsIt() {
        assertEquals(new ClientMessage.Ping(), cut.parse("{\"command\":\"ping\"}"));
    }

    @Test
    void decodesJoinAsTheSdkSendsIt() {
        assertEquals(new ClientMessage.Join("stream1", "both", false, null),
                cut.parse("{\"command\":\"join\",\"streamId\":\"stream1\",\"multiPeer\":false,\"mode\":\"both\"}"));
    }

    @Test
    void decodesLeaveAsTheSdkSendsIt() {
        assertEquals(new ClientMessage.Leave("stream1"), cut.parse("{\"command\":\"leave\",\"streamId\":\"stream1\"}"));
    }

    @Test
    void decodesTakeConfigurationAsTheSdkSendsIt() {
        String sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
        String json = "{\"command\":\"takeConfiguration\",\"streamId\":\"stream1\",\"type\":\"offer\",\"sdp\":\""
                + sdp.replace("\r\n", "\\r\\n") + "\"}";
        assertEquals(new ClientMessage.TakeConfiguration("stream1", "offer", sdp, null), cut.parse(json));
    }

    @Test
    void decodesTakeCandidateWithANumericLabelAsTheSdkSendsIt() {
        String candidate = "candidate:842163049 1 udp 1677729535 192.0.2.7 46154 typ srflx raddr 10.0.0.2 rport 46154";
        assertEquals(new ClientMessage.TakeCandidate("stream1", 0, "0", candidate, null),
                cut.parse("{\"command\":\"takeCandidate\",\"streamId\":\"stream1\",\"label\":0,\"id\":\"0\",\"candidate\":\""
                        + candidate + "\"}"));
    }

    @Test
    void acceptsALabelSentAsANumericString() {
        assertEquals(new ClientMessage.TakeCandidate("s", 1, "1", "c", null),
                cut.parse("{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":\"1\",\"id\":\"1\",\"candidate\":\"c\"}"));
    }

    /**
     * Candidates and descriptions are built from the parser's one streaming pass: whatever the
     * frame, the result is the one JSON-B binding gives, or Invalid where binding fails.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":0,\"id\":\"0\",\"candidate\":\"c\",\"subscriberId\":\"v\"}",
        "{\"label\":\"7\",\"candidate\":\"c \\u00e9\\n\",\"streamId\":\"s\",\"command\":\"takeCandidate\",\"x\":{\"label\":[1]}}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":-0,\"candidate\":\"c\",\"id\":null,\"subscriberId\":null}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":1.0,\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":2e0,\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":\"01\",\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":\" 1\",\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":2147483648,\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":true,\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":0,\"candidate\":5}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":0,\"candidate\":[\"c\"]}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":0,\"candidate\":\"c\",\"id\":false}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":0,\"candidate\":\"c\",\"subscriberId\":{}}",
        "{\"command\":\"takeCandidate\",\"streamId\":3,\"label\":0,\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":null,\"label\":0,\"candidate\":\"c\"}",
        "{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\",\"subscriberId\":\"v\"}",
        "{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":\"offer\",\"sdp\":\"v=0\",\"sdp\":null}",
        "{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":\"offer\",\"sdp\":\"a\",\"sdp\":\"b\"}",
        "{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":\"offer\",\"sdp\":7}",
        "{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":{\"t\":1},\"sdp\":\"v=0\"}",
        "{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":\"offer\",\"sdp\":\"v=0\",\"label\":\"x\",\"idMapping\":{}}",
    })
    void buildsCandidatesAndDescriptionsAsJsonBindingWould(String frame) {
        Class<? extends ClientMessage> type = frame.contains("takeCandidate")
                ? ClientMessage.TakeCandidate.class : ClientMessage.TakeConfiguration.class;
        ClientMessage bound;
        try {
            bound = io.signalbox.json.StrictJson.JSONB.fromJson(frame, type);
        } catch (RuntimeException e) {
            assertInstanceOf(Invalid.class, cut.parse(frame), frame);
            return;
        }
        ClientMessage parsed = cut.parse(frame);
        if (bound.problem() == null) {
            assertEquals(bound, parsed, frame);
        } else {
            assertInstanceOf(Invalid.class, parsed, frame);
        }
    }

    @Test
    void decodesReportError() {
        assertEquals(new ClientMessage.ReportError("s", "notSetLocalDescription", null),
                cut.parse("{\"command\":\"reportError\",\"streamId\":\"s\",\"definition\":\"notSetLocalDescription\"}"));
    }

    @Test
    void decodesPublishAsTheSdkSendsIt() {
        assertEquals(new ClientMessage.Publish("s1", "", "", "", "", true, true),
                cut.parse("{\"command\":\"publish\",\"streamId\":\"s1\",\"token\":\"\",\"subscriberId\":\"\","
                        + "\"subscriberCode\":\"\",\"streamName\":\"\",\"mainTrack\":\"\",\"video\":true,\"audio\":true,"
                        + "\"metaData\":\"\",\"role\":\"\"}"));
    }

    @Test
    void decodesPlayAsTheSdkSendsIt() {
        assertEquals(new ClientMessage.Play("s1", "", "", "", List.of(), ""),
                cut.parse("{\"command\":\"play\",\"streamId\":\"s1\",\"token\":\"\",\"room\":\"\",\"trackList\":[],"
                        + "\"subscriberId\":\"\",\"subscriberCode\":\"\",\"viewerInfo\":\"\",\"role\":\"\",\"userPublishId\":\"\"}"));
    }

    @Test
    void decodesStop() {
        assertEquals(new ClientMessage.Stop("s1"), cut.parse("{\"command\":\"stop\",\"streamId\":\"s1\"}"));
    }

    @Test
    void ignoresUnknownFieldsWhereverTheCommandIs() {
        assertEquals(new ClientMessage.Leave("s"),
                cut.parse("{\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"streamId\":\"s\",\"command\":\"leave\",\"n\":1e400}"));
    }

    @Test
    void namesAnUnknownCommandAndKeepsTheStreamId() {
        Invalid invalid = assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"teleport\",\"streamId\":\"s1\"}"));
        assertEquals(ErrorDefinition.UNKNOWN_COMMAND, invalid.definition());
        assertEquals("s1", invalid.streamId());
    }

    @Test
    void anUnknownOrBadFrameNamingARoomKeepsTheRoomForTheError() {
        Invalid unknown = assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"teleport\",\"room\":\"r1\"}"));
        assertEquals(List.of(ErrorDefinition.UNKNOWN_COMMAND, "r1"), List.of(unknown.definition(), unknown.room()));
        Invalid badType = assertInstanceOf(Invalid.class,
                cut.parse("{\"command\":\"joinRoom\",\"room\":\"r2\",\"streamId\":\"s\",\"streamName\":{\"x\":1}}"));
        assertEquals(List.of(ErrorDefinition.INVALID_MESSAGE, "r2", "s"), List.of(badType.definition(), badType.room(), badType.streamId()));
        Invalid noCommand = assertInstanceOf(Invalid.class, cut.parse("{\"room\":\"r3\"}"));
        assertEquals("r3", noCommand.room());
        // A room that is not a string is nothing to name.
        assertEquals(null, assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"teleport\",\"room\":5}")).room());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "not json", "{", "{\"command\":\"ping\"", "[]", "[{\"command\":\"ping\"}]", "42", "\"ping\"", "null", "true",
        "{}", "{\"command\":null}", "{\"command\":5}", "{\"command\":[\"ping\"]}", "{\"command\":{\"name\":\"ping\"}}",
        "{\"command\":\"ping\"} trailing", "{\"command\":\"ping\"}{\"command\":\"ping\"}", "{'command':'ping'}",
        "{\"command\":\"join\",\"streamId\":5}", "{\"command\":\"join\",\"streamId\":true}",
        "{\"command\":\"join\",\"streamId\":{\"id\":\"s\"}}", "{\"command\":\"join\",\"streamId\":[\"s\"]}",
        "{\"command\":\"join\",\"streamId\":\"s\",\"multiPeer\":\"yes\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":1.5,\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":99999999999999999999999999,\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":\"one\",\"candidate\":\"c\"}",
        "{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":1e999999999,\"candidate\":\"c\"}",
    })
    void answersAnythingThatIsNotACommandWithInvalidMessage(String frame) {
        Invalid invalid = assertInstanceOf(Invalid.class, cut.parse(frame));
        assertEquals(ErrorDefinition.INVALID_MESSAGE, invalid.definition());
    }

    @Test
    void aConfigurationThatIsNeitherOfferNorAnswerIsInvalidAndNamesItsStream() {
        Invalid invalid = assertInstanceOf(Invalid.class,
                cut.parse("{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":\"pranswer\",\"sdp\":\"v=0\"}"));
        assertEquals(ErrorDefinition.INVALID_MESSAGE, invalid.definition());
        assertEquals("s", invalid.streamId());
        assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"takeConfiguration\",\"streamId\":\"s\",\"type\":\"offer\"}"));
    }

    @Test
    void aMissingStreamIdIsReportedBeforeAMissingType() {
        Invalid invalid = assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"takeConfiguration\",\"sdp\":\"v=0\"}"));
        assertEquals(ErrorDefinition.NO_STREAM_NAME_SPECIFIED, invalid.definition());
    }

    @Test
    void aCandidateWithoutLabelOrCandidateIsInvalid() {
        assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"label\":0}"));
        assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"takeCandidate\",\"streamId\":\"s\",\"candidate\":\"c\"}"));
    }

    @Test
    void aReportedErrorMustBeADescriptionFailure() {
        Invalid invalid = assertInstanceOf(Invalid.class,
                cut.parse("{\"command\":\"reportError\",\"streamId\":\"s\",\"definition\":\"server_error\"}"));
        assertEquals(ErrorDefinition.INVALID_MESSAGE, invalid.definition());
        ClientMessage.ReportError reported = assertInstanceOf(ClientMessage.ReportError.class,
                cut.parse("{\"command\":\"reportError\",\"streamId\":\"s\",\"definition\":\"notSetRemoteDescription\"}"));
        assertEquals(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION, reported.reported());
    }

    @Test
    void aFrameOverTheLimitInUtf8BytesIsMessageTooLarge() {
        ClientMessageParser small = new ClientMessageParser(64);
        String padded = "{\"command\":\"ping\",\"p\":\"" + "x".repeat(30) + "\"}";
        assertEquals(new ClientMessage.Ping(), small.parse(padded));
        // The same length in characters, but the euro signs take three bytes each.
        Invalid invalid = assertInstanceOf(Invalid.class, small.parse(padded.replace("x", "\u20ac")));
        assertEquals(ErrorDefinition.MESSAGE_TOO_LARGE, invalid.definition());
    }

    @Test
    void answersDeepNestingWithInvalidMessage() {
        String deep = "{\"command\":\"ping\",\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        Invalid invalid = assertInstanceOf(Invalid.class, cut.parse(deep));
        assertEquals(ErrorDefinition.INVALID_MESSAGE, invalid.definition());
    }

    @Test
    void namesTheStreamWhenAFieldHasTheWrongType() {
        Invalid invalid = assertInstanceOf(Invalid.class,
                cut.parse("{\"command\":\"takeCandidate\",\"streamId\":\"s9\",\"label\":{},\"candidate\":\"c\"}"));
        assertEquals("s9", invalid.streamId());
    }

    @Test
    void leavesTheStreamOutWhenItIsNotAString() {
        Invalid invalid = assertInstanceOf(Invalid.class, cut.parse("{\"command\":\"join\",\"streamId\":7}"));
        assertNull(invalid.streamId());
    }
}
