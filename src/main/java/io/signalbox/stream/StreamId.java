package io.signalbox.stream;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import java.io.Serializable;
import java.util.regex.Pattern;

/** A stream's identifier, valid by construction (protocol section 1). */
public record StreamId(String value) implements Serializable {
    /** The identifier rule every {@code streamId}, {@code room} and {@code subscriberId} follows. */
    public static final Pattern RULE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /**
     * Whether {@code value} follows {@link #RULE}: the same rule, checked by a loop, as it is
     * checked on every relayed frame and the regular expression took 2.6% of the relay's samples.
     */
    public static boolean followsRule(String value) {
        int n = value.length();
        if (n == 0 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public StreamId {
        if (value == null || value.isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_NAME_SPECIFIED, "streamId missing or empty");
        }
        if (!followsRule(value)) {
            throw new SignalingException(ErrorDefinition.INVALID_STREAM_NAME, "streamId breaks the identifier rule");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
