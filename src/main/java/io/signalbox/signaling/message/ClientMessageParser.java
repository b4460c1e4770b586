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
        ClientMessage message = head.relayed(type);
        if (message == null) {
            try {
                message = StrictJson.JSONB.fromJson(text, type);
            } catch (JsonbException | JsonException | ArithmeticException | NumberFormatException e) {
                return new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, head.streamId(), head.room(),
                        head.command() + " has a field of the wrong type: " + e.getMessage());
            }
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
     * The top-level {@code command}, {@code streamId} and {@code room} of a frame, read in one
     * streaming pass that also bounds nesting, so an error can name the stream even when binding
     * fails. The same pass keeps the other top-level fields a relayed candidate or description
     * has, so that the frames relayed most are built from it rather than read a second time.
     */
    record Head(String command, String streamId, String room, String problem, Relayed relayed) {
        /** Deeper than any message of the protocol needs; deeper frames are refused unread. */
        static final int MAX_DEPTH = 16;

        static Head read(String text) {
            try (JsonParser parser = JsonParsers.FACTORY.createParser(new StringReader(text))) {
                if (parser.next() != JsonParser.Event.START_OBJECT) {
                    return new Head(null, null, null, "frame is not a JSON object", null);
                }
                String command = null;
                String streamId = null;
                String room = null;
                boolean commandIsString = false;
                Relayed relayed = new Relayed();
                String key = null;
                int depth = 1;
                while (depth > 0) {
                    JsonParser.Event event = parser.next();
                    switch (event) {
                        case START_OBJECT, START_ARRAY -> {
                            if (depth == 1) {
                                relayed.notScalar(key);
                            }
                            if (++depth > MAX_DEPTH) {
                                return new Head(null, streamId, room, "frame nests deeper than " + MAX_DEPTH, null);
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
                                relayed.keep(key, streamId, false);
                            } else if (depth == 1 && "room".equals(key)) {
                                room = parser.getString();
                            } else if (depth == 1) {
                                relayed.keep(key, parser.getString(), false);
                            }
                        }
                        case VALUE_NUMBER -> {
                            if (depth == 1) {
                                relayed.keep(key, parser.getString(), true);
                            }
                        }
                        default -> {
                            if (depth == 1 && "command".equals(key)) {
                                commandIsString = false;
                            }
                            if (depth == 1 && event == JsonParser.Event.VALUE_NULL) {
                                relayed.keep(key, null, false);
                            } else if (depth == 1) {
                                relayed.notScalar(key);
                            }
                        }
                    }
                }
                if (parser.hasNext()) {
                    return new Head(null, null, null, "frame is not a single JSON object", null);
                }
                if (!commandIsString) {
                    return new Head(null, streamId, room, "frame has no string command", null);
                }
                return new Head(command, streamId, room, null, relayed);
            }
        }

        /**
         * The frame as a {@code takeCandidate} or {@code takeConfiguration} built from this pass;
         * {@code null} for any other command, or when a field is other than a plain string (or,
         * for {@code label}, a whole number), so that JSON-B binds it and names what is wrong.
         */
        ClientMessage relayed(Class<? extends ClientMessage> type) {
            return relayed == null ? null : relayed.as(type);
        }
    }

    /**
     * The top-level fields of a relayed candidate or description ({@code streamId} too), as text,
     * while a frame is read; the last of a field given twice counts, as in JSON-B. A value that is
     * not a string or null (or, for {@code label}, a number) spoils the whole: the frame is then
     * bound as any other.
     */
    static final class Relayed {
        private enum Field { TYPE, SDP, LABEL, ID, CANDIDATE, SUBSCRIBER_ID, STREAM_ID }

        private static final int FIELDS = Field.values().length;
        private final String[] values = new String[FIELDS];
        private boolean spoiled;

        void notScalar(String key) {
            if (field(key) != null) {
                spoiled = true;
            }
        }

        /** Keeps {@code value} (text, a number's text, or null) if {@code key} names one of the fields. */
        void keep(String key, String value, boolean number) {
            Field field = field(key);
            if (field == null) {
                return;
            }
            if (number && field != Field.LABEL) {
                spoiled = true;
                return;
            }
            values[field.ordinal()] = value;
        }

        private static Field field(String key) {
            return key == null ? null : switch (key) {
                case "type" -> Field.TYPE;
                case "sdp" -> Field.SDP;
                case "label" -> Field.LABEL;
                case "id" -> Field.ID;
                case "candidate" -> Field.CANDIDATE;
                case "subscriberId" -> Field.SUBSCRIBER_ID;
                case "streamId" -> Field.STREAM_ID;
                default -> null;
            };
        }

        private String value(Field field) {
            return values[field.ordinal()];
        }

        ClientMessage as(Class<? extends ClientMessage> kind) {
            if (spoiled) {
                return null;
            }
            if (kind == ClientMessage.TakeConfiguration.class) {
                return new ClientMessage.TakeConfiguration(value(Field.STREAM_ID), value(Field.TYPE), value(Field.SDP),
                        value(Field.SUBSCRIBER_ID));
            }
            if (kind != ClientMessage.TakeCandidate.class) {
                return null;
            }
            Integer label = null;
            if (value(Field.LABEL) != null) {
                try {
                    label = Integer.parseInt(value(Field.LABEL));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return new ClientMessage.TakeCandidate(value(Field.STREAM_ID), label, value(Field.ID), value(Field.CANDIDATE),
                    value(Field.SUBSCRIBER_ID));
        }
    }
}
