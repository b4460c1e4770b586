package io.signalbox.room;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** Rooms registered through the REST API, and the {@code signalbox.rooms.allow-unregistered} check. */
@ApplicationScoped
public class RoomRegistry {
    @Inject
    SharedMaps maps;

    @Inject
    RoomsConfig config;

    private Map<RoomId, Boolean> registered() {
        return maps.map("signalbox.rooms.registered");
    }

    public void register(RoomId room) {
        if (registered().putIfAbsent(room, Boolean.TRUE) != null) {
            throw new SignalingException(ErrorDefinition.ALREADY_REGISTERED, room + " is registered already");
        }
    }

    public boolean isRegistered(RoomId room) {
        return registered().containsKey(room);
    }

    /** Refuses an unregistered room when the configuration allows only registered ones. */
    public void requireAllowed(RoomId room) {
        if (!config.allowUnregistered() && !registered().containsKey(room)) {
            throw new SignalingException(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS, room + " is not registered");
        }
    }
}
