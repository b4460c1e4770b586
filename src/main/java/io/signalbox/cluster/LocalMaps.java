package io.signalbox.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** One node on its own: plain concurrent maps and locks in this JVM. */
public final class LocalMaps implements SharedMaps {
    private final Map<String, ConcurrentMap<?, ?>> maps = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ConcurrentMap<K, V> map(String name) {
        ConcurrentMap<?, ?> map = maps.get(name);
        return (ConcurrentMap<K, V>) (map != null ? map : maps.computeIfAbsent(name, n -> new ConcurrentHashMap<>()));
    }

    @Override
    public <T> T locked(String name, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
