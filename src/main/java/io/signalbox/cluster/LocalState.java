package io.signalbox.cluster;

import io.signalbox.session.SessionId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One node on its own: plain concurrent maps and locks in this JVM. */
public final class LocalState implements SharedState {
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

    @Override
    public String node() {
        return "";
    }

    @Override
    public boolean isRemote(SessionId session) {
        return false;
    }

    @Override
    public void deliver(SessionId to, String frame) {
        throw new IllegalStateException("no other node holds " + to);
    }

    @Override
    public void onDelivery(BiConsumer<SessionId, String> receiver) {
        // nothing arrives from other nodes
    }

    @Override
    public void onNodeLeft(Consumer<String> listener) {
        // no other node can leave
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public void close() {
        maps.clear();
    }
}
