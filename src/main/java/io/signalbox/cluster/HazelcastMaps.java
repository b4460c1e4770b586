package io.signalbox.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Shared maps of a Hazelcast cluster: {@link IMap}s with one backup each, so a node's death loses
 * nothing of the others', and locks that are entry locks of one map, one per name (a key's lock
 * holds no entry), released when their holder dies.
 */
final class HazelcastMaps implements SharedMaps {
    private static final String LOCKS = "signalbox.locks";

    private final HazelcastInstance hazelcast;
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

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
        int[] count = depth.get();
        count[0]++;
        try {
            return action.get();
        } finally {
            count[0]--;
            locks.unlock(name);
        }
    }

    @Override
    public boolean holdsLock() {
        return depth.get()[0] > 0;
    }
}
