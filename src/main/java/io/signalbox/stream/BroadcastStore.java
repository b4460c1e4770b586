package io.signalbox.stream;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.session.SessionIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live broadcasts in the shared maps: each stream's publisher and viewers, kept as immutable
 * records, and the streams each session publishes or plays; and the conferences on the media
 * server, which the same lock guards, as a conference's feeds are broadcasts. Changes hold {@link #locked}, which
 * spans the cluster when there is one, and each is numbered ({@link #nextVersion}) so the nodes'
 * relay routes follow the last one.
 */
@ApplicationScoped
class BroadcastStore {
    private static final String LOCK = "signalbox.streams";

    @Inject
    SharedMaps maps;

    <T> T locked(Supplier<T> change) {
        return maps.locked(LOCK, change);
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
        return new SessionIndex<>(maps.map("signalbox.streams.sessions"));
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
        return new SessionIndex<>(maps.map("signalbox.conferences.players"));
    }

    private Map<StreamId, StreamService.Broadcast> broadcasts() {
        return maps.map("signalbox.streams.broadcasts");
    }
}
