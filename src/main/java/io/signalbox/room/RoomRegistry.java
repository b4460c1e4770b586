package io.signalbox.room;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rooms registered through the REST API, each with the time it may be joined in, and the check
 * every join goes through: {@code signalbox.rooms.allow-unregistered} for a room not registered,
 * the registered room's dates for one that is.
 */
@ApplicationScoped
public class RoomRegistry {

    /**
     * A registered room, open from {@code startDate} to {@code endDate} (Unix seconds, as Ant
     * Media's conference room has them); 0 leaves that end open.
     */
    public record Registration(RoomId room, long startDate, long endDate) implements Serializable {

        /** Whether the room may be joined at {@code now} (Unix seconds). */
        public boolean openAt(long now) {
            return (startDate == 0 || startDate <= now) && (endDate == 0 || now <= endDate);
        }
    }

    @Inject
    SharedMaps maps;

    @Inject
    RoomsConfig config;

    Clock clock = Clock.systemUTC();

    private Map<RoomId, Registration> registered() {
        return maps.map("signalbox.rooms.registered");
    }

    /** Registers a room open at any time. */
    public void register(RoomId room) {
        register(new Registration(room, 0, 0));
    }

    /** Registers {@code registration}; already_registered when its room is registered already. */
    public Registration register(Registration registration) {
        if (registered().putIfAbsent(registration.room(), registration) != null) {
            throw new SignalingException(ErrorDefinition.ALREADY_REGISTERED, registration.room() + " is registered already");
        }
        return registration;
    }

    public boolean isRegistered(RoomId room) {
        return registered().containsKey(room);
    }

    public Optional<Registration> find(RoomId room) {
        return Optional.ofNullable(registered().get(room));
    }

    /** Registrations in id order, {@code size} of them from {@code offset}. */
    public List<Registration> list(int offset, int size) {
        return registered().values().stream().sorted(Comparator.comparing(r -> r.room().value()))
                .skip(Math.max(0, offset)).limit(Math.max(0, size)).toList();
    }

    public boolean remove(RoomId room) {
        return registered().remove(room) != null;
    }

    /**
     * Refuses a join of {@code room}: not_allowed_unregistered_streams when it is not registered
     * and the configuration allows only registered rooms, room_not_active_or_expired when it is
     * registered and its time has not come or has passed.
     */
    public void requireAllowed(RoomId room) {
        Registration registration = registered().get(room);
        if (registration == null && !config.allowUnregistered()) {
            throw new SignalingException(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS, room + " is not registered");
        }
        if (registration != null && !registration.openAt(clock.instant().getEpochSecond())) {
            throw new SignalingException(ErrorDefinition.ROOM_NOT_ACTIVE_OR_EXPIRED, room + " is open from "
                    + registration.startDate() + " to " + registration.endDate() + " (Unix seconds)");
        }
    }
}
