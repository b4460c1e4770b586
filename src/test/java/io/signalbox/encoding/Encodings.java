package io.signalbox.encoding;

import java.util.List;

/** Encoding services for the unit tests of other features, which cannot reach the config's fields. */
public final class Encodings {

    private Encodings() {
    }

    /** A service whose server ladder is {@code ladder}, not required for publishing. */
    public static EncodingService withServerLadder(List<EncoderSetting> ladder) {
        EncodingService service = new EncodingService();
        service.config = new EncodingConfig();
        service.config.settings = io.signalbox.json.StrictJson.JSONB.toJson(ladder);
        service.config.parse();
        return service;
    }
}
