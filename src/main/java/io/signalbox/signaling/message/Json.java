package io.signalbox.signaling.message;

import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/** The streaming JSON-P parser factory the decoder scans frames with; thread-safe, made once. */
final class Json {
    static final JsonParserFactory PARSERS = jakarta.json.Json.createParserFactory(Map.of());

    private Json() {
    }
}
