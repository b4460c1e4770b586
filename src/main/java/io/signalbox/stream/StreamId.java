package io.signalbox.stream;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import java.io.Serializable;
import java.util.regex.Pattern;

/** A stream's identifier, valid by construction (protocol section 1). */
public record StreamId(String value) implements Serializable {
    /** The identifier rule every {@code streamId}, {@code room} and {@code subscriberId} follows. */
    public static final Pattern RULE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public StreamId {
        if (value == null || value.isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_NAME_SPECIFIED, "streamId missing or empty");
        }
        if (!RULE.matcher(value).matches()) {
            throw new SignalingException(ErrorDefinition.INVALID_STREAM_NAME, "streamId breaks the identifier rule");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
