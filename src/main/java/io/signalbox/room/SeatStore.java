package io.signalbox.room;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.cluster.SessionIndex;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rooms in the shared maps: each room's members in joining order, kept as unmodifiable
 * maps, and the seats each session holds. Changes hold the lock of their room ({@link #locked}), which spans the
 * cluster when there is one.
 */
@ApplicationScoped
class SeatStore {
    private static final String LOCK = "signalbox.rooms";

    /** One stream's place in one room. */
    record Seat(RoomId room, StreamId stream) implements Serializable {
    }

    @Inject
    SharedMaps maps;

    /** Runs {@code change} holding {@code room}'s lock, across the cluster when there is one. */
    <T> T locked(RoomId room, Supplier<T> change) {
        return maps.locked(LOCK + "/" + room.value(), change);
    }

    Map<StreamId, RoomService.Member> members(RoomId room) {
        return rooms().getOrDefault(room, Map.of());
    }

    /** Stores the members of {@code room} in the order given; none removes the room. */
    void put(RoomId room, Map<StreamId, RoomService.Member> members) {
        if (members.isEmpty()) {
            rooms().remove(room);
        } else {
            rooms().put(room, Collections.unmodifiableMap(new LinkedHashMap<>(members)));
        }
    }

    SessionIndex<Seat> seatsBySession() {
        return new SessionIndex<>(maps, "signalbox.rooms.sessions");
    }

    int roomCount() {
        return rooms().size();
    }

    private Map<RoomId, Map<StreamId, RoomService.Member>> rooms() {
        return maps.map("signalbox.rooms.members");
    }
}
