package io.signalbox.media.janus;

import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** This node's handles on Janus: by the session and feed they serve, by Janus's id, and whether media flows on each yet. */
final class JanusHandles {

    /** One handle: whose it is, for which feed, and (a viewer's) its video sections. */
    record Handle(long id, SessionId session, String feed, boolean publisher, List<String> videoMids) {
    }

    private record Part(SessionId session, String feed) {
    }

    private final Map<Part, Handle> parts = new ConcurrentHashMap<>();
    private final Map<Long, Handle> byId = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> flowing = new ConcurrentHashMap<>();

    /** Keeps {@code handle}; returns the one it replaces for the same session and feed, if any, to detach. */
    Handle put(Handle handle) {
        Handle previous = parts.put(new Part(handle.session(), handle.feed()), handle);
        byId.put(handle.id(), handle);
        if (previous != null) {
            byId.remove(previous.id());
            flowing.remove(previous.id());
        }
        return previous;
    }

    /** The handle serving {@code session} on {@code feed}; null when there is none. */
    Handle get(SessionId session, String feed) {
        return parts.get(new Part(session, feed));
    }

    Handle byId(long id) {
        return byId.get(id);
    }

    /** Forgets the handle serving {@code session} on {@code feed} and returns it; null when there was none. */
    Handle remove(SessionId session, String feed) {
        Handle handle = parts.remove(new Part(session, feed));
        if (handle != null) {
            byId.remove(handle.id());
            flowing.remove(handle.id());
        }
        return handle;
    }

    /** Marks media as flowing on {@code handle}; true the first time only. */
    boolean startFlowing(Handle handle) {
        return flowing.putIfAbsent(handle.id(), Boolean.TRUE) == null;
    }

    /** Forgets every handle (their Janus session is gone) and returns them. */
    List<Handle> clear() {
        List<Handle> all = List.copyOf(byId.values());
        parts.clear();
        byId.clear();
        flowing.clear();
        return all;
    }

    int size() {
        return byId.size();
    }
}
