package io.signalbox.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each session holds in one feature (streams joined, seats in rooms...), so a closed
 * session can be released; a session that holds nothing has no entry, so the index empties out.
 */
public final class SessionIndex<K> {
    private final Map<SessionId, Set<K>> held = new ConcurrentHashMap<>();

    public void add(SessionId session, K key) {
        held.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).add(key);
    }

    public void remove(SessionId session, K key) {
        held.computeIfPresent(session, (s, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }

    /** A copy of what {@code session} holds, safe to iterate while removing. */
    public List<K> heldBy(SessionId session) {
        return List.copyOf(held.getOrDefault(session, Set.of()));
    }

    /** How many sessions hold something. */
    public int sessionCount() {
        return held.size();
    }
}
