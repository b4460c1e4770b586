package io.signalbox.cluster;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Where the features keep what sessions share: this JVM alone ({@link LocalMaps}, the default)
 * or a Hazelcast cluster ({@link HazelcastMaps}, {@code signalbox.cluster.enabled=true}). Each
 * feature reaches it through a typed store of its own, which names its maps and copies values.
 */
public interface SharedMaps {

    /**
     * The map shared under {@code name}. Treat values as copies, as they are in a cluster: to
     * change one, put a new one back, holding the lock of the map's owner.
     */
    <K, V> ConcurrentMap<K, V> map(String name);

    /** Runs {@code action} holding the lock named {@code name} on every node; re-entrant for a thread. */
    <T> T locked(String name, Supplier<T> action);

    /**
     * The next number of the counter {@code name}, larger than every one handed out before on any
     * node. Call it holding a lock that every user of the counter takes.
     */
    default long next(String name) {
        ConcurrentMap<String, Long> counters = map("signalbox.counters");
        long next = counters.getOrDefault(name, 0L) + 1;
        counters.put(name, next);
        return next;
    }
}
