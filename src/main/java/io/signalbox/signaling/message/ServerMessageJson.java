package io.signalbox.signaling.message;

import io.signalbox.json.StrictJson;

/** Writes every {@link ServerMessage} as JSON with JSON-B, leaving null fields out. */
public final class ServerMessageJson {

    private ServerMessageJson() {
    }

    public static String encode(ServerMessage message) {
        return StrictJson.JSONB.toJson(message);
    }
}
