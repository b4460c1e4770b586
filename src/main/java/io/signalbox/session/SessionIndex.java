package io.signalbox.session;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each session holds in one feature (streams joined, seats in rooms...), so a closed
 * session can be released; a session that holds nothing has no entry, so the index empties out.
 * Kept in a shared map whose values are copies: call it holding the feature's lock.
 */
public final class SessionIndex<K> {
    private final Map<SessionId, Set<K>> held;

    public SessionIndex(Map<SessionId, Set<K>> held) {
        this.held = held;
    }

    public void add(SessionId session, K key) {
        Set<K> keys = new HashSet<>(held.getOrDefault(session, Set.of()));
        if (keys.add(key)) {
            held.put(session, Set.copyOf(keys));
        }
    }

    public void remove(SessionId session, K key) {
        Set<K> keys = held.get(session);
        if (keys == null || !keys.contains(key)) {
            return;
        }
        Set<K> rest = new HashSet<>(keys);
        rest.remove(key);
        if (rest.isEmpty()) {
            held.remove(session);
        } else {
            held.put(session, Set.copyOf(rest));
        }
    }

    /** What {@code session} holds. */
    public List<K> heldBy(SessionId session) {
        return List.copyOf(held.getOrDefault(session, Set.of()));
    }

    /** The sessions that hold something. */
    public List<SessionId> sessions() {
        return List.copyOf(held.keySet());
    }

    /** How many sessions hold something. */
    public int sessionCount() {
        return held.size();
    }
}
