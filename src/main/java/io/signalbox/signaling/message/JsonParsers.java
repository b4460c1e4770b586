package io.signalbox.signaling.message;

import jakarta.json.Json;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/** The streaming JSON-P parser factory the parser scans frames with; thread-safe, made once. */
final class JsonParsers {
    static final JsonParserFactory FACTORY = Json.createParserFactory(Map.of());

    private JsonParsers() {
    }
}
