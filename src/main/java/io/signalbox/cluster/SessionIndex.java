package io.signalbox.cluster;

import io.signalbox.session.SessionId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each session holds in one feature (streams joined, seats in rooms...), so a closed
 * session can be released; a session that holds nothing has no entry, so the index empties out.
 * Kept in a shared map whose values are copies; each change holds the lock of the session's
 * entry, the innermost lock of all ({@link SharedMaps}), as changes to different streams or rooms
 * of one session may run at once.
 */
public final class SessionIndex<K> {
    private final SharedMaps maps;
    private final String name;
    private final Map<SessionId, Set<K>> held;

    public SessionIndex(SharedMaps maps, String name) {
        this.maps = maps;
        this.name = name;
        this.held = maps.map(name);
    }

    public void add(SessionId session, K key) {
        maps.locked(name + "/" + session.value(), () -> {
            Set<K> keys = new HashSet<>(held.getOrDefault(session, Set.of()));
            if (keys.add(key)) {
                held.put(session, Set.copyOf(keys));
            }
            return null;
        });
    }

    public void remove(SessionId session, K key) {
        maps.locked(name + "/" + session.value(), () -> {
            Set<K> keys = held.get(session);
            if (keys == null || !keys.contains(key)) {
                return null;
            }
            Set<K> rest = new HashSet<>(keys);
            rest.remove(key);
            if (rest.isEmpty()) {
                held.remove(session);
            } else {
                held.put(session, Set.copyOf(rest));
            }
            return null;
        });
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
