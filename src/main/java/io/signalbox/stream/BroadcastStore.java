package io.signalbox.stream;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.cluster.SessionIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live broadcasts in the shared maps: each stream's publisher and viewers, kept as immutable
 * records, and the streams each session publishes or plays. A change holds its stream's lock
 * ({@link #locked}), which spans the cluster when there is one, and is numbered ({@link #nextVersion}) so the nodes'
 * relay routes follow the last one.
 */
@ApplicationScoped
class BroadcastStore {
    private static final String LOCK = "signalbox.streams";

    @Inject
    SharedMaps maps;

    /** Runs {@code change} holding {@code stream}'s lock, across the cluster when there is one. */
    <T> T locked(StreamId stream, Supplier<T> change) {
        return maps.locked(LOCK + "/" + stream.value(), change);
    }

    Optional<Broadcast> find(StreamId stream) {
        return Optional.ofNullable(broadcasts().get(stream));
    }

    void put(StreamId stream, Broadcast broadcast) {
        broadcasts().put(stream, broadcast);
    }

    void remove(StreamId stream) {
        broadcasts().remove(stream);
        details().remove(stream);
    }

    /** What each live stream's publisher said of it; removed with the broadcast. */
    Map<StreamId, StreamDetails> details() {
        return maps.map("signalbox.streams.details");
    }

    SessionIndex<StreamId> involvement() {
        return new SessionIndex<>(maps, "signalbox.streams.sessions");
    }

    long nextVersion() {
        return maps.next(LOCK);
    }

    int publishedCount() {
        return broadcasts().size();
    }

    int viewerCount() {
        return broadcasts().values().stream().mapToInt(b -> b.viewers().size()).sum();
    }

    private Map<StreamId, Broadcast> broadcasts() {
        return maps.map("signalbox.streams.broadcasts");
    }
}
