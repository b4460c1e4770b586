package io.signalbox.encoding;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/** One rung of an encoder ladder, in Ant Media's shape: a height and bitrates in bits per second. */
@JsonbPropertyOrder({"height", "videoBitrate", "audioBitrate"})
public record EncoderSetting(Integer height, Integer videoBitrate, Integer audioBitrate) implements Serializable {
    public EncoderSetting {
        if (height == null || height <= 0 || videoBitrate == null || videoBitrate <= 0
                || audioBitrate == null || audioBitrate < 0) {
            throw new IllegalArgumentException("an encoder setting needs a positive height and videoBitrate and a"
                    + " non-negative audioBitrate, got height=" + height + " videoBitrate=" + videoBitrate
                    + " audioBitrate=" + audioBitrate);
        }
    }
}
