package io.signalbox.room;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.stream.StreamId;
import java.io.Serializable;

/** A room's identifier, valid by construction (protocol section 1). */
public record RoomId(String value) implements Serializable {
    public RoomId {
        if (value == null || value.isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_ROOM_SPECIFIED, "room missing or empty");
        }
        if (!StreamId.followsRule(value)) {
            throw new SignalingException(ErrorDefinition.INVALID_STREAM_NAME, "room breaks the identifier rule");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
