package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where one session's relayed messages go, kept with the session from the joins, plays and stops
 * that concern it, so relaying reads no shared map and takes no lock. Each change carries the
 * number of the change to the shared state it follows; one older than the last applied to its key
 * is ignored, so changes that reach this node out of order from different nodes still end in the
 * latest state.
 */
final class RelayTable {
    /** Removals are kept this long, so that an older change arriving late cannot revive a route. */
    private static final long REMOVAL_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int PRUNE_ABOVE = 64;

    enum Kind { PEER, BROADCAST }

    /**
     * A route's name from its owner's side: a P2P stream, a stream the owner plays
     * ({@code subscriberId} empty), or one viewer of a stream the owner publishes.
     */
    record Key(Kind kind, String stream, String subscriberId) {
        static Key peer(String stream) {
            return new Key(Kind.PEER, stream, "");
        }

        static Key broadcast(String stream, String subscriberId) {
            return new Key(Kind.BROADCAST, stream, subscriberId == null ? "" : subscriberId);
        }
    }

    /**
     * Where the route under {@code key} leads, the subscriberId to tag messages with (a viewer's,
     * towards its publisher), and its change's number; {@code to} null once removed.
     */
    record Route(Key key, SessionId to, String tag, long version, long at) {
        /** The key under which the other side keeps its route back to the owner. */
        Key back() {
            return new Key(key.kind(), key.stream(), tag == null ? "" : tag);
        }
    }

    private final ConcurrentHashMap<Key, Route> routes = new ConcurrentHashMap<>();

    /** Sets ({@code to} given) or removes ({@code to} null) the route under {@code key}, unless a later change already did. */
    void apply(Key key, SessionId to, String tag, long version) {
        Route change = new Route(key, to, tag, version, System.nanoTime());
        routes.merge(key, change, (applied, next) -> next.version() > applied.version() ? next : applied);
        if (to == null && routes.size() > PRUNE_ABOVE) {
            long forgetBefore = System.nanoTime() - REMOVAL_MEMORY_NANOS;
            routes.values().removeIf(route -> route.to() == null && route.at() < forgetBefore);
        }
    }

    /** The live route under {@code key}; null when there is none (never set, or removed). */
    Route find(Key key) {
        Route route = routes.get(key);
        return route == null || route.to() == null ? null : route;
    }

    /**
     * The route for a message the owner sends on {@code stream}: to the viewer named by
     * {@code subscriberId} if the owner publishes, else to the publisher it plays, else (with no
     * subscriberId) to its P2P peer, as the shared state would route it.
     */
    Route lookUp(String stream, String subscriberId) {
        Route route = subscriberId == null ? null : find(Key.broadcast(stream, subscriberId));
        if (route == null) {
            route = find(Key.broadcast(stream, null));
        }
        if (route == null && subscriberId == null) {
            route = find(Key.peer(stream));
        }
        return route;
    }
}
