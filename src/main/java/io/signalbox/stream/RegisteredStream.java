package io.signalbox.stream;

import io.signalbox.encoding.EncoderSetting;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A stream registered over REST, in the shape of Ant Media's broadcast: id, name, own ladder. */
@JsonbPropertyOrder({"streamId", "name", "status", "encoderSettingsList"})
public record RegisteredStream(String streamId, String name, String status, List<EncoderSetting> encoderSettingsList) {
}
