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
 * records, and the streams each session publishes or plays; and the conferences on the media
 * server. A change to a broadcast holds its stream's lock, a change to a conference its room's
 * ({@link #locked}, {@link #lockedConference}); each spans the cluster when there is one, and each
 * change to a broadcast is numbered ({@link #nextVersion}) so the nodes'
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

    /**
     * Runs {@code change} holding the lock of {@code room}'s conference; taken after a stream's
     * lock when both are held, never before.
     */
    <T> T lockedConference(String room, Supplier<T> change) {
        return maps.locked("signalbox.conferences/" + room, change);
    }

    /** Whether the calling thread holds a lock of the shared maps (it must not call the media server then). */
    boolean holdsLock() {
        return maps.holdsLock();
    }

    Optional<StreamService.Broadcast> find(StreamId stream) {
        return Optional.ofNullable(broadcasts().get(stream));
    }

    void put(StreamId stream, StreamService.Broadcast broadcast) {
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

    Map<String, Conferences.Conference> conferences() {
        return maps.map("signalbox.conferences");
    }

    /** The conferences each session plays. */
    SessionIndex<String> players() {
        return new SessionIndex<>(maps, "signalbox.conferences.players");
    }

    private Map<StreamId, StreamService.Broadcast> broadcasts() {
        return maps.map("signalbox.streams.broadcasts");
    }
}
