package io.signalbox.signaling.message;

import io.signalbox.json.StrictJson;
import jakarta.websocket.Encoder;

/** Encodes every {@link ServerMessage} with JSON-B, leaving null fields out. */
public class ServerMessageEncoder implements Encoder.Text<ServerMessage> {

    @Override
    public String encode(ServerMessage message) {
        return StrictJson.JSONB.toJson(message);
    }
}
