package io.signalbox.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamIdTest {

    @Test
    void missingOrEmptyIsNoStreamNameSpecified() {
        assertEquals(ErrorDefinition.NO_STREAM_NAME_SPECIFIED,
                assertThrows(SignalingException.class, () -> new StreamId(null)).definition());
        assertEquals(ErrorDefinition.NO_STREAM_NAME_SPECIFIED,
                assertThrows(SignalingException.class, () -> new StreamId("")).definition());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "a b", "a/b", "caf\u00e9", "a\u0000", "<script>", "a:b"})
    void charactersOutsideTheRuleAreInvalidStreamName(String id) {
        assertEquals(ErrorDefinition.INVALID_STREAM_NAME,
                assertThrows(SignalingException.class, () -> new StreamId(id)).definition());
    }

    @Test
    void theLengthLimitIs128() {
        assertEquals(128, new StreamId("a".repeat(128)).value().length());
        assertEquals(ErrorDefinition.INVALID_STREAM_NAME,
                assertThrows(SignalingException.class, () -> new StreamId("a".repeat(129))).definition());
    }

    @Test
    void acceptsEveryAllowedCharacter() {
        new StreamId("AZaz09_.-");
    }

    @Test
    void theLoopAgreesWithTheRuleOnEveryCharacterAndLength() {
        for (char c = 0; c < 0x3000; c++) {
            String code = "U+" + Integer.toHexString(c);
            for (String id : new String[] {String.valueOf(c), "a" + c + "b", "ab" + c}) {
                assertEquals(StreamId.RULE.matcher(id).matches(), StreamId.followsRule(id), code);
            }
        }
        for (int n = 0; n <= 130; n++) {
            String id = "x".repeat(n);
            assertEquals(StreamId.RULE.matcher(id).matches(), StreamId.followsRule(id), "length " + n);
        }
    }
}
