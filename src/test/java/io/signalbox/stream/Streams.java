package io.signalbox.stream;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.encoding.Encodings;
import io.signalbox.media.MediaServer;
import java.util.List;

/** Stream services for the unit tests of other features, which cannot reach their fields. */
public final class Streams {

    private Streams() {
    }

    /** A stream service on {@code maps} whose media goes through {@code media}, seating conference members with {@code seats}. */
    public static StreamService through(SharedMaps maps, MediaServer media, ConferenceSeats seats) {
        StreamService streams = new StreamService();
        streams.config = new StreamsConfig();
        streams.config.allowUnregistered = true;
        streams.registry = Registries.allowingUnregistered(maps);
        streams.store = new BroadcastStore();
        streams.store.maps = maps;
        streams.media = media;
        streams.quality = new StreamQuality();
        streams.quality.store = streams.store;
        streams.quality.registry = streams.registry;
        streams.quality.encoding = Encodings.withServerLadder(List.of());
        streams.quality.media = media;
        streams.conferences = seats;
        return streams;
    }
}
