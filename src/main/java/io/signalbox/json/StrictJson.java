package io.signalbox.json;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * The one JSON-B engine Signalbox binds with, for WebSocket frames and REST bodies alike: it
 * takes JSON strings, whole numbers and booleans only where the field has that type, where plain
 * JSON-B would coerce {@code 5} into {@code "5"} or {@code "yes"} into {@code false}. Thread-safe
 * and costly to create, so one serves everything.
 */
public final class StrictJson {
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withDeserializers(new StrictString(), new StrictInteger(), new StrictBoolean()));

    private StrictJson() {
    }

    /**
     * A REST call's JSON body as {@code type}: invalid_message, naming {@code what}, when it is
     * empty or not the documented JSON.
     */
    public static <T> T requestBody(String body, Class<T> type, String what) {
        try {
            T request = JSONB.fromJson(body, type);
            if (request == null) {
                throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "empty body");
            }
            return request;
        } catch (JsonbException | IllegalArgumentException e) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE,
                    "bad " + what + " body: " + e.getMessage());
        }
    }

    /**
     * Takes only JSON strings as {@code String} fields: JSON-B would otherwise turn
     * {@code "streamId":5} or {@code true} into text, and a client with a type bug would never hear of it.
     */
    static final class StrictString implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value instanceof JsonString string) {
                return string.getString();
            }
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            throw new JsonbException("expected a string, got " + value.getValueType());
        }
    }

    /**
     * Takes whole numbers that fit an {@code int}, or such a number written as a string (the
     * protocol allows {@code "label":"0"}); never rounds or wraps.
     */
    static final class StrictInteger implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            try {
                if (value instanceof JsonNumber number) {
                    return number.bigDecimalValue().intValueExact();
                }
                if (value instanceof JsonString string) {
                    return Integer.valueOf(string.getString());
                }
            } catch (ArithmeticException | NumberFormatException e) {
                throw new JsonbException("not an integer: " + e.getMessage());
            }
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            throw new JsonbException("expected an integer, got " + value.getValueType());
        }
    }

    /** Takes only {@code true}, {@code false} or {@code null} as a {@code Boolean} field. */
    static final class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return switch (parser.getValue().getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
                default -> throw new JsonbException("expected true or false");
            };
        }
    }
}
