package io.signalbox.room;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Rooms registered through the REST API, and the {@code signalbox.rooms.allow-unregistered} check. */
@ApplicationScoped
public class RoomRegistry {
    private final Set<RoomId> registered = ConcurrentHashMap.newKeySet();

    @Inject
    RoomsConfig config;

    public void register(RoomId room) {
        if (!registered.add(room)) {
            throw new SignalingException(ErrorDefinition.STREAM_ID_IN_USE, room + " is registered already");
        }
    }

    public boolean isRegistered(RoomId room) {
        return registered.contains(room);
    }

    /** Refuses an unregistered room when the configuration allows only registered ones. */
    public void requireAllowed(RoomId room) {
        if (!config.allowUnregistered() && !registered.contains(room)) {
            throw new SignalingException(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS, room + " is not registered");
        }
    }
}
