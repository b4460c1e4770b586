package io.signalbox.signaling.message;

import io.signalbox.json.StrictJson;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.stream.StreamId;
import io.signalbox.signaling.LimitsConfig;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;


/**
 * Reads a text frame into a {@link ClientMessage}. It never throws: a frame that is not a
 * command becomes {@link ClientMessage.Invalid}, so it is answered like any other error.
 */
public class ClientMessageParser {
    private final int maxFrameBytes;

    /** Made for each session, with the configured frame limit ({@link LimitsConfig#maxFrameBytes()}). */
    public ClientMessageParser(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public ClientMessage parse(String text) {
        if (utf8Length(text) > maxFrameBytes) {
            return new ClientMessage.Invalid(ErrorDefinition.MESSAGE_TOO_LARGE, null, null,
                    "frame of " + text.length() + " characters is over " + maxFrameBytes + " bytes");
        }
        Head head;
        try {
            head = Head.read(text);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, null, null, "not JSON: " + e.getMessage());
        }
        if (head.problem() != null) {
            return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, head.streamId(), head.room(), head.problem());
        }
        Class<? extends ClientMessage> type = ClientMessage.COMMANDS.get(head.command());
        if (type == null) {
            return new ClientMessage.Invalid(ErrorDefinition.UNKNOWN_COMMAND, head.streamId(), head.room(),
                    "unknown command " + head.command());
        }
        ClientMessage message;
        try {
            message = StrictJson.JSONB.fromJson(text, type);
        } catch (JsonbException | JsonException | ArithmeticException | NumberFormatException e) {
            return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, head.streamId(), head.room(),
                    head.command() + " has a field of the wrong type: " + e.getMessage());
        }
        String problem = message.problem();
        if (problem == null) {
            return message;
        }
        try {
            new StreamId(message.streamId()); // a missing or malformed streamId is the error to report first
        } catch (SignalingException e) {
            return new ClientMessage.Invalid(e.definition(), head.streamId(), head.room(), e.getMessage());
        }
        return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, head.streamId(), head.room(), problem);
    }

    /** The UTF-8 size of {@code text}, counted only when its length leaves any doubt. */
    private int utf8Length(String text) {
        if ((long) text.length() * 3 <= maxFrameBytes) {
            return text.length();
        }
        return text.length() > maxFrameBytes ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The top-level {@code command} and {@code streamId} of a frame, read in one streaming pass
     * that also bounds nesting, so an error can name the stream even when binding fails.
     */
    record Head(String command, String streamId, String room, String problem) {
        /** Deeper than any message of the protocol needs; deeper frames are refused unread. */
        static final int MAX_DEPTH = 16;

        static Head read(String text) {
            try (JsonParser parser = JsonParsers.FACTORY.createParser(new StringReader(text))) {
                if (parser.next() != JsonParser.Event.START_OBJECT) {
                    return new Head(null, null, null, "frame is not a JSON object");
                }
                String command = null;
                String streamId = null;
                String room = null;
                boolean commandIsString = false;
                String key = null;
                int depth = 1;
                while (depth > 0) {
                    JsonParser.Event event = parser.next();
                    switch (event) {
                        case START_OBJECT, START_ARRAY -> {
                            if (++depth > MAX_DEPTH) {
                                return new Head(null, streamId, room, "frame nests deeper than " + MAX_DEPTH);
                            }
                        }
                        case END_OBJECT, END_ARRAY -> depth--;
                        case KEY_NAME -> key = depth == 1 ? parser.getString() : key;
                        case VALUE_STRING -> {
                            if (depth == 1 && "command".equals(key)) {
                                command = parser.getString();
                                commandIsString = true;
                            } else if (depth == 1 && "streamId".equals(key)) {
                                streamId = parser.getString();
                            } else if (depth == 1 && "room".equals(key)) {
                                room = parser.getString();
                            }
                        }
                        default -> {
                            if (depth == 1 && "command".equals(key)) {
                                commandIsString = false;
                            }
                        }
                    }
                }
                if (parser.hasNext()) {
                    return new Head(null, null, null, "frame is not a single JSON object");
                }
                if (!commandIsString) {
                    return new Head(null, streamId, room, "frame has no string command");
                }
                return new Head(command, streamId, room, null);
            }
        }
    }
}
