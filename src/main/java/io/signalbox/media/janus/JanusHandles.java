package io.signalbox.media.janus;

import io.signalbox.media.Feed;
import io.signalbox.media.Leg;
import io.signalbox.media.MediaRoom;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's handles on the Janus servers it drives: by the session and feed they serve, by
 * their Janus and Janus's id, whether media flows on each yet, and which layers of a publisher's
 * video come in.
 */
final class JanusHandles {

    /**
     * One handle: on which Janus, whose it is, for which leg (a feed, or a conference subscriber's
     * room), in which of Janus's rooms, and (a viewer's of one feed) its video sections.
     */
    record Handle(JanusConnection janus, long id, SessionId session, Leg leg, MediaRoom room, Role role,
            List<String> videoMids) {
        Key key() {
            return new Key(janus, id);
        }

        boolean publisher() {
            return role == Role.PUBLISHER;
        }

        /** Whether the room is the feed's own, ended with its publisher, rather than a conference's. */
        boolean ownRoom() {
            return role == Role.PUBLISHER && leg instanceof Feed feed && room.ownedBy(feed);
        }
    }

    /** What a handle does: publish a feed, subscribe to one, or subscribe to a conference's feeds. */
    enum Role {
        PUBLISHER, VIEWER, CONFERENCE_VIEWER
    }

    /** Janus's handle ids are its own: a handle is known by its Janus and its id. */
    record Key(JanusConnection janus, long id) {
    }

    /** A session's leg, by the name clients use for it. */
    private record Part(SessionId session, String name) {
    }

    private final Map<Part, Handle> parts = new ConcurrentHashMap<>();
    private final Map<Key, Handle> byKey = new ConcurrentHashMap<>();
    private final Set<Key> flowing = ConcurrentHashMap.newKeySet();
    private final Map<Key, Set<Integer>> layers = new ConcurrentHashMap<>();
    private final Map<Key, Set<String>> inbound = new ConcurrentHashMap<>();
    private final Map<Key, List<Carried>> subscribed = new ConcurrentHashMap<>();
    private final Map<Key, Map<String, String>> videoMids = new ConcurrentHashMap<>();
    private final Set<Key> awaited = ConcurrentHashMap.newKeySet();

    /** Keeps {@code handle}; returns the one it replaces for the same session and feed, if any, to detach. */
    Handle put(Handle handle) {
        Handle previous = parts.put(new Part(handle.session(), handle.leg().name()), handle);
        byKey.put(handle.key(), handle);
        if (previous != null) {
            forget(previous);
        }
        return previous;
    }

    /** The handle serving {@code session} on the leg clients call {@code name}; null when there is none. */
    Handle get(SessionId session, String name) {
        return parts.get(new Part(session, name));
    }

    Handle byId(JanusConnection janus, long id) {
        return byKey.get(new Key(janus, id));
    }

    /** Forgets the handle serving {@code session} on {@code leg} and returns it; null when there was none. */
    Handle remove(SessionId session, Leg leg) {
        Handle handle = parts.remove(new Part(session, leg.name()));
        if (handle != null) {
            forget(handle);
        }
        return handle;
    }

    /** Marks media as flowing on {@code handle}; true the first time only. */
    boolean startFlowing(Handle handle) {
        return flowing.add(handle.key());
    }

    /**
     * Notes that {@code layer} of a publisher's video started or stopped coming in; returns the
     * layers now coming in, lowest first, or null when that changed nothing (or the handle is gone).
     */
    List<Integer> layer(Handle handle, int layer, boolean receiving) {
        if (!byKey.containsKey(handle.key())) {
            return null;
        }
        Set<Integer> now = layers.computeIfAbsent(handle.key(), k -> ConcurrentHashMap.newKeySet());
        boolean changed = receiving ? now.add(layer) : now.remove(layer);
        return changed ? List.copyOf(new TreeSet<>(now)) : null;
    }

    /**
     * Notes that {@code track} of a publisher (audio or video, by mid and layer) started or stopped
     * coming in; returns whether any of its tracks comes in now when that changed from before, else
     * null (or when the handle is gone).
     */
    Boolean inbound(Handle handle, String track, boolean receiving) {
        if (!byKey.containsKey(handle.key())) {
            return null;
        }
        Set<String> now = inbound.computeIfAbsent(handle.key(), k -> ConcurrentHashMap.newKeySet());
        synchronized (now) {
            boolean before = !now.isEmpty();
            if (receiving) {
                now.add(track);
            } else {
                now.remove(track);
            }
            return before == !now.isEmpty() ? null : !now.isEmpty();
        }
    }

    /** One stream a conference subscription carries: of which feed, audio, video or data, and its mid at the publisher. */
    record Carried(String feed, String type, String feedMid) {
    }

    /** What a conference subscriber's handle carries now, as Janus last listed it. */
    List<Carried> carried(Handle handle) {
        return subscribed.getOrDefault(handle.key(), List.of());
    }

    /** Notes what a conference subscriber's handle carries, as Janus lists it, and that no change is awaited any more. */
    void carried(Handle handle, List<Carried> carried) {
        if (byKey.containsKey(handle.key())) {
            subscribed.put(handle.key(), List.copyOf(carried));
            carried.stream().filter(c -> "video".equals(c.type()) && c.feedMid() != null)
                    .forEach(c -> videoMids.computeIfAbsent(handle.key(), k -> new ConcurrentHashMap<>()).put(c.feed(), c.feedMid()));
            awaited.remove(handle.key());
        }
    }

    /** The mid of each feed's video at its publisher, as seen on this handle before. */
    Map<String, String> videoMids(Handle handle) {
        return Map.copyOf(videoMids.getOrDefault(handle.key(), Map.of()));
    }

    /** Notes that Janus will offer a change on this handle once the viewer answers its last offer. */
    void await(Handle handle) {
        if (byKey.containsKey(handle.key())) {
            awaited.add(handle.key());
        }
    }

    /** Whether a change on this handle is still to be offered by Janus. */
    boolean awaiting(Handle handle) {
        return awaited.contains(handle.key());
    }

    /** Forgets every handle on {@code janus} (its Janus session is gone) and returns them. */
    List<Handle> clear(JanusConnection janus) {
        List<Handle> gone = byKey.values().stream().filter(h -> h.janus() == janus).toList();
        gone.forEach(handle -> {
            parts.remove(new Part(handle.session(), handle.leg().name()), handle);
            forget(handle);
        });
        return gone;
    }

    int size() {
        return byKey.size();
    }

    /** How many handles there are of each role, counted in one pass. */
    MediaServer.Handles byRole() {
        int publishers = 0;
        int viewers = 0;
        int conferenceViewers = 0;
        for (Handle handle : byKey.values()) {
            switch (handle.role()) {
                case PUBLISHER -> publishers++;
                case VIEWER -> viewers++;
                case CONFERENCE_VIEWER -> conferenceViewers++;
            }
        }
        return new MediaServer.Handles(publishers, viewers, conferenceViewers);
    }

    private void forget(Handle handle) {
        byKey.remove(handle.key());
        flowing.remove(handle.key());
        layers.remove(handle.key());
        inbound.remove(handle.key());
        subscribed.remove(handle.key());
        videoMids.remove(handle.key());
        awaited.remove(handle.key());
    }
}
