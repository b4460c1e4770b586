package io.signalbox.signaling.message;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.websocket.Decoder;
import java.io.StringReader;

/**
 * Decodes a text frame into a {@link ClientMessage}. It never throws: a frame that is not a
 * command becomes {@link ClientMessage.Invalid}, so it is answered like any other error.
 */
public class ClientMessageDecoder implements Decoder.Text<ClientMessage> {

    @Override
    public ClientMessage decode(String text) {
        Head head;
        try {
            head = Head.read(text);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, null, "not JSON: " + e.getMessage());
        }
        if (head.problem() != null) {
            return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, head.streamId(), head.problem());
        }
        Class<? extends ClientMessage> type = ClientMessage.COMMANDS.get(head.command());
        if (type == null) {
            return new ClientMessage.Invalid(ErrorDefinition.UNKNOWN_COMMAND, head.streamId(),
                    "unknown command " + head.command());
        }
        try {
            return Json.JSONB.fromJson(text, type);
        } catch (JsonbException | JsonException | ArithmeticException | NumberFormatException e) {
            return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, head.streamId(),
                    head.command() + " has a field of the wrong type: " + e.getMessage());
        }
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }

    /**
     * The top-level {@code command} and {@code streamId} of a frame, read in one streaming pass
     * that skips nested values, so an error can name the stream even when binding fails.
     */
    record Head(String command, String streamId, String problem) {
        static Head read(String text) {
            try (JsonParser parser = Json.PARSERS.createParser(new StringReader(text))) {
                if (parser.next() != JsonParser.Event.START_OBJECT) {
                    return new Head(null, null, "frame is not a JSON object");
                }
                String command = null;
                String streamId = null;
                boolean commandIsString = false;
                JsonParser.Event event;
                while ((event = parser.next()) == JsonParser.Event.KEY_NAME) {
                    String key = parser.getString();
                    JsonParser.Event value = parser.next();
                    if (value == JsonParser.Event.START_OBJECT) {
                        parser.skipObject();
                    } else if (value == JsonParser.Event.START_ARRAY) {
                        parser.skipArray();
                    } else if (value == JsonParser.Event.VALUE_STRING && key.equals("command")) {
                        command = parser.getString();
                        commandIsString = true;
                    } else if (value == JsonParser.Event.VALUE_STRING && key.equals("streamId")) {
                        streamId = parser.getString();
                    }
                }
                if (event != JsonParser.Event.END_OBJECT || parser.hasNext()) {
                    return new Head(null, null, "frame is not a single JSON object");
                }
                if (!commandIsString) {
                    return new Head(null, streamId, "frame has no string command");
                }
                return new Head(command, streamId, null);
            }
        }
    }
}
