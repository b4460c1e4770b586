package io.signalbox.peer;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.cluster.SessionIndex;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The P2P pairs in the shared maps: the peers of each stream, kept as immutable lists, and the
 * streams each session joined. Changes hold the lock of their stream ({@link #locked}), which spans the cluster when there
 * is one, and each is numbered ({@link #nextVersion}) so the nodes' relay routes follow the last one.
 */
@ApplicationScoped
class PairStore {
    private static final String LOCK = "signalbox.peers";

    @Inject
    SharedMaps maps;

    /** Runs {@code change} holding {@code stream}'s lock, across the cluster when there is one. */
    <T> T locked(StreamId stream, Supplier<T> change) {
        return maps.locked(LOCK + "/" + stream.value(), change);
    }

    List<PeerService.Peer> peers(StreamId stream) {
        return pairs().getOrDefault(stream, List.of());
    }

    /** Stores the peers of {@code stream}; none removes the stream. */
    void put(StreamId stream, List<PeerService.Peer> peers) {
        if (peers.isEmpty()) {
            pairs().remove(stream);
        } else {
            pairs().put(stream, List.copyOf(peers));
        }
    }

    SessionIndex<StreamId> joinedBySession() {
        return new SessionIndex<>(maps, "signalbox.peers.sessions");
    }

    long nextVersion() {
        return maps.next(LOCK);
    }

    int streamCount() {
        return pairs().size();
    }

    long pairCount() {
        return pairs().values().stream().filter(peers -> peers.size() == 2).count();
    }

    private Map<StreamId, List<PeerService.Peer>> pairs() {
        return maps.map("signalbox.peers.pairs");
    }
}
