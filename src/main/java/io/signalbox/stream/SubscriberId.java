package io.signalbox.stream;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import java.util.Optional;

/** The id a viewer asked to be known by to the publisher, valid by construction (protocol section 6). */
public record SubscriberId(String value) {

    public SubscriberId {
        if (value == null || !StreamId.followsRule(value)) {
            throw new SignalingException(ErrorDefinition.INVALID_STREAM_NAME, "subscriberId breaks the identifier rule");
        }
    }

    /** The {@code subscriberId} field of {@code play}: absent when missing or {@code ""}, as Ant Media's SDK sends it. */
    public static Optional<SubscriberId> optional(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(new SubscriberId(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
