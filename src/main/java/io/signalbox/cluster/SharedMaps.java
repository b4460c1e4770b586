package io.signalbox.cluster;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Where the features keep what sessions share: this JVM alone ({@link LocalMaps}, the default)
 * or a Hazelcast cluster ({@link HazelcastMaps}, {@code signalbox.cluster.enabled=true}). Each
 * feature reaches it through a typed store of its own, which names its maps and copies values.
 *
 * <p>Locks are per key: a store locks the one stream, room or session entry a change is about,
 * named {@code feature/key}, never a whole feature. Two locks are only ever taken in this order,
 * so none can deadlock: a stream ({@code signalbox.streams/…} or {@code signalbox.peers/…}), then
 * a room ({@code signalbox.conferences/…} or {@code signalbox.rooms/…}), then a session's entry in
 * an index ({@link SessionIndex}), which is always the innermost. Nothing slow
 * runs holding one: no media-server call, no delivery to another node.
 */
public interface SharedMaps {

    /**
     * The map shared under {@code name}. Treat values as copies, as they are in a cluster: to
     * change one, put a new one back, holding the lock of the entry's key.
     */
    <K, V> ConcurrentMap<K, V> map(String name);

    /** Runs {@code action} holding the lock named {@code name} on every node; re-entrant for a thread. */
    <T> T locked(String name, Supplier<T> action);

    /** Whether the calling thread holds any lock of these maps now (what must not call out). */
    boolean holdsLock();

    /** The next number of the counter {@code name}, larger than every one handed out before on any node. */
    default long next(String name) {
        ConcurrentMap<String, Long> counters = map("signalbox.counters");
        return counters.merge(name, 1L, Long::sum);
    }
}
