package io.signalbox.signaling.message;

import jakarta.websocket.Encoder;

/** Encodes every {@link ServerMessage} with JSON-B, leaving null fields out. */
public class ServerMessageEncoder implements Encoder.Text<ServerMessage> {

    @Override
    public String encode(ServerMessage message) {
        return Json.JSONB.toJson(message);
    }
}
