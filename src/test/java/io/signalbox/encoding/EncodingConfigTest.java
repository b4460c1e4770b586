package io.signalbox.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingConfigTest {

    @Test
    void parsesALadderInAntMediasShape() {
        assertEquals(List.of(new EncoderSetting(720, 2_000_000, 128_000), new EncoderSetting(360, 800_000, 64_000)),
                EncodingConfig.parseLadder("[{\"height\":720,\"videoBitrate\":2000000,\"audioBitrate\":128000},"
                        + "{\"height\":360,\"videoBitrate\":800000,\"audioBitrate\":64000}]"));
        assertEquals(List.of(), EncodingConfig.parseLadder("[]"));
    }

    @Test
    void theMessageSaysWhatIsWrongWithTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncodingConfig.parseLadder("[{\"height\":720}]"));
        assertTrue(e.getMessage().contains("needs a positive height and videoBitrate"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "720p", "{\"height\":720}", "null", "[{\"height\":720}]",
        "[{\"height\":-1,\"videoBitrate\":1,\"audioBitrate\":1}]", "[{\"height\":\"tall\",\"videoBitrate\":1,\"audioBitrate\":1}]",
        "[1,2]"})
    void aMalformedLadderFailsWithAMessageNamingTheKey(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodingConfig.parseLadder(json));
        assertTrue(e.getMessage().startsWith("signalbox.encoder.settings must be a JSON array"), e.getMessage());
    }
}
