package io.signalbox.room;

import io.signalbox.cluster.SharedMaps;

/** Room services for the unit tests of other features, which cannot reach their fields. */
public final class Rooms {

    private Rooms() {
    }

    /** A room service on {@code maps} that lets every room be joined, with at most {@code maxParticipants} streams in a room. */
    public static RoomService on(SharedMaps maps, int maxParticipants) {
        RoomService rooms = new RoomService();
        rooms.config = config(maxParticipants);
        rooms.registry = new RoomRegistry();
        rooms.registry.config = rooms.config;
        rooms.registry.maps = maps;
        rooms.store = new SeatStore();
        rooms.store.maps = maps;
        return rooms;
    }

    public static RoomsConfig config(int maxParticipants) {
        RoomsConfig config = new RoomsConfig();
        config.maxParticipants = maxParticipants;
        config.allowUnregistered = true;
        return config;
    }
}
