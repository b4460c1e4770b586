package io.signalbox.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Shared maps of a Hazelcast cluster: {@link IMap}s with one backup each, so a node's death loses
 * nothing of the others', and locks that are map entry locks, released when their holder dies.
 */
final class HazelcastMaps implements SharedMaps {
    private static final String LOCKS = "signalbox.locks";

    private final HazelcastInstance hazelcast;

    HazelcastMaps(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public <K, V> ConcurrentMap<K, V> map(String name) {
        return hazelcast.getMap(name);
    }

    @Override
    public <T> T locked(String name, Supplier<T> action) {
        IMap<String, Boolean> locks = hazelcast.getMap(LOCKS);
        locks.lock(name);
        try {
            return action.get();
        } finally {
            locks.unlock(name);
        }
    }
}
