package io.signalbox.stream;

import io.signalbox.encoding.EncoderSetting;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A stream registered over REST, in the shape of Ant Media's broadcast: id, name, status, own ladder, metaData, hook URL. */
@JsonbPropertyOrder({"streamId", "name", "status", "encoderSettingsList", "metaData", "listenerHookURL", "mp4Enabled", "webMEnabled"})
public record RegisteredStream(String streamId, String name, String status, List<EncoderSetting> encoderSettingsList,
        String metaData, String listenerHookURL, int mp4Enabled, int webMEnabled) {
}
