package io.signalbox.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One node on its own: plain concurrent maps, and a lock per name in this JVM that exists only
 * while someone holds or waits for it, so per-key names leave nothing behind.
 */
public final class LocalMaps implements SharedMaps {
    private final Map<String, ConcurrentMap<?, ?>> maps = new ConcurrentHashMap<>();
    private final Map<String, Held> locks = new ConcurrentHashMap<>();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    /** A lock and how many threads hold it or wait for it. */
    private static final class Held {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ConcurrentMap<K, V> map(String name) {
        ConcurrentMap<?, ?> map = maps.get(name);
        return (ConcurrentMap<K, V>) (map != null ? map : maps.computeIfAbsent(name, n -> new ConcurrentHashMap<>()));
    }

    @Override
    public <T> T locked(String name, Supplier<T> action) {
        Held held = locks.compute(name, (n, h) -> {
            Held using = h == null ? new Held() : h;
            using.users++;
            return using;
        });
        held.lock.lock();
        int[] count = depth.get();
        count[0]++;
        try {
            return action.get();
        } finally {
            count[0]--;
            held.lock.unlock();
            locks.computeIfPresent(name, (n, h) -> --h.users == 0 ? null : h);
        }
    }

    @Override
    public boolean holdsLock() {
        return depth.get()[0] > 0;
    }

    /** How many lock names are in use now (for tests: none once nobody holds one). */
    public int lockNames() {
        return locks.size();
    }
}
