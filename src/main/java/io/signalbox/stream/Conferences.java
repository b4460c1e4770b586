package io.signalbox.stream;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Conferences through the media server (protocol section 7a): a room's members publish their
 * streams into one room of the media server ({@code publish} with {@code mainTrack} = the room),
 * and a player of the room ({@code play} of the room's id) gets every other member's feed on one
 * connection, changed as feeds come and go. The records share {@link BroadcastStore}'s lock; the
 * media server's room ends when nobody publishes into it or plays it any more.
 */
@ApplicationScoped
public class Conferences {
    private static final int STRIPES = 64;

    /**
     * What one player asked for: the feeds it will not get, and how many feeds' video at most (0:
     * every one's), the first in the order the feeds came.
     */
    public record Player(List<String> excluded, int maxVideo) implements Serializable {
    }

    /**
     * One conference: the address of the media server holding its room, its members' feeds
     * (true once media flows into the feed), and its players with what each asked for.
     */
    public record Conference(String mediaServer, Map<String, Boolean> feeds, Map<SessionId, Player> players)
            implements Serializable {
        Conference feeds(Map<String, Boolean> feeds) {
            return new Conference(mediaServer, ordered(feeds), players);
        }

        Conference players(Map<SessionId, Player> players) {
            return new Conference(mediaServer, feeds, ordered(players));
        }

        /** An unchangeable copy that keeps the order the entries came in (Map.copyOf does not). */
        private static <K, V> Map<K, V> ordered(Map<K, V> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }

        boolean idle() {
            return feeds.isEmpty() && players.isEmpty();
        }
    }

    @Inject
    BroadcastStore store;

    @Inject
    MediaServer media;

    /** One player's subscription changes one at a time: the monitor of its stripe. */
    private final Object[] stripes = new Object[STRIPES];

    public Conferences() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Seats {@code feed} in {@code room}'s conference, begun on this node's media server when it
     * is the first, and returns that media server's address. Call holding the store's lock.
     */
    String seat(String room, StreamId feed) {
        Conference current = store.conferences().get(room);
        if (current == null) {
            current = new Conference(media.address(), Map.of(), Map.of());
        }
        Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
        feeds.putIfAbsent(feed.value(), false);
        store.conferences().put(room, current.feeds(feeds));
        return current.mediaServer();
    }

    /**
     * Media flows into {@code feed}, published into {@code room}: returns the room's players,
     * whose subscriptions are to be brought up to date on their nodes ({@link #refresh}).
     */
    public List<SessionId> flowing(String room, StreamId feed) {
        return store.locked(() -> {
            Conference current = store.conferences().get(room);
            if (current == null || !current.feeds().containsKey(feed.value())) {
                return List.of();
            }
            Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
            feeds.put(feed.value(), true);
            store.conferences().put(room, current.feeds(feeds));
            return List.copyOf(current.players().keySet());
        });
    }

    /**
     * {@code feed} left {@code room} (its publisher stopped; its media is let go of already): the
     * media server tells the players itself. The last one out ends the media server's room.
     */
    void left(String room, StreamId feed) {
        store.locked(() -> {
            Conference current = store.conferences().get(room);
            if (current != null && current.feeds().containsKey(feed.value())) {
                Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
                feeds.remove(feed.value());
                endIfIdle(room, current.feeds(feeds));
            }
            return null;
        });
    }

    /** Whether {@code room} has a conference through the media server: a member publishing into it, or a player. */
    public boolean exists(String room) {
        return store.conferences().containsKey(room);
    }

    /** Whether {@code session} plays {@code room}'s conference. */
    public boolean plays(SessionId session, String room) {
        Conference current = store.conferences().get(room);
        return current != null && current.players().containsKey(session);
    }

    /**
     * Lets {@code viewer} play {@code room}: every member's feed but those in {@code excluded}
     * and its own, on one subscription. Returns the media server's offer; while no other member's
     * media flows yet, one carrying the viewer's own feed with nothing sent, so its connection
     * comes up, or none when it publishes nothing (the offer comes once a feed flows). Played again without a stop between
     * (Ant Media's player may send {@code play} twice), it changes only what the offer carries.
     */
    public Optional<MediaServer.Offer> play(SessionId viewer, String room, List<String> excluded) {
        if (!media.reachable()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, "no media server for " + room);
        }
        store.locked(() -> {
            Conference current = store.conferences().get(room);
            if (current == null) {
                current = new Conference(media.address(), Map.of(), Map.of());
            }
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            Player before = players.get(viewer);
            players.put(viewer, new Player(List.copyOf(excluded), before == null ? 0 : before.maxVideo()));
            store.conferences().put(room, current.players(players));
            store.players().add(viewer, room);
            return null;
        });
        try {
            return refresh(viewer, room);
        } catch (RuntimeException e) {
            stop(viewer, room);
            throw e;
        }
    }

    /**
     * Brings {@code viewer}'s subscription to {@code room} up to date with the feeds whose media
     * flows, on this node (the viewer's); returns the media server's new offer if it made one now.
     */
    public Optional<MediaServer.Offer> refresh(SessionId viewer, String room) {
        synchronized (stripe(viewer, room)) {
            Conference current = store.conferences().get(room);
            Player player = current == null ? null : current.players().get(viewer);
            if (player == null) {
                return Optional.empty(); // stopped meanwhile
            }
            List<String> excluded = player.excluded();
            List<String> flowing = current.feeds().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
            List<String> own = flowing.stream()
                    .filter(feed -> store.find(new StreamId(feed)).map(b -> b.publisher().equals(viewer)).orElse(false)).toList();
            List<String> feeds = flowing.stream().filter(feed -> !excluded.contains(feed) && !own.contains(feed)).toList();
            return media.subscribe(viewer, room, current.mediaServer(), feeds, own.stream().findFirst(), player.maxVideo());
        }
    }

    /** Ends {@code viewer}'s play of {@code room}; no_peer_associated_before, naming the room, when it does not play it. */
    public void stop(SessionId viewer, String room) {
        store.locked(() -> {
            Conference current = store.conferences().get(room);
            if (current == null || !current.players().containsKey(viewer)) {
                throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, viewer + " does not play " + room);
            }
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            players.remove(viewer);
            store.conferences().put(room, current.players(players));
            store.players().remove(viewer, room);
            return null;
        });
        synchronized (stripe(viewer, room)) {
            media.stop(viewer, room);
        }
        store.locked(() -> {
            Conference current = store.conferences().get(room);
            if (current != null) {
                endIfIdle(room, current);
            }
            return null;
        });
    }

    /** Ends every conference play of a closed session; returns the rooms it played. */
    public List<String> release(SessionId session) {
        List<String> rooms = store.locked(() -> store.players().heldBy(session));
        for (String room : rooms) {
            try {
                stop(session, room);
            } catch (SignalingException e) {
                // stopped meanwhile
            }
        }
        return rooms;
    }

    /** The tracks of {@code room}'s conference: each member stream published into it, in the order they came, and whether its media flows; empty when there is none. */
    public Map<String, Boolean> tracks(String room) {
        Conference current = store.conferences().get(room);
        return current == null ? Map.of() : current.feeds();
    }

    /**
     * Has {@code viewer}'s play of {@code room} take ({@code enabled}) or leave out the track of
     * member stream {@code track}; no_peer_associated_before, naming the room, when it does not
     * play it. The subscription follows on this node ({@link #refresh}).
     */
    public void enable(SessionId viewer, String room, String track, boolean enabled) {
        change(viewer, room, player -> {
            List<String> now = new ArrayList<>(player.excluded());
            now.remove(track);
            if (!enabled) {
                now.add(track);
            }
            return new Player(List.copyOf(now), player.maxVideo());
        });
    }

    /**
     * Has {@code viewer}'s play of {@code room} carry the video of at most {@code count} feeds (0:
     * every one's), the first in the order the feeds came; the others' audio still comes.
     * no_peer_associated_before, naming the room, when it does not play it.
     */
    public void maxVideo(SessionId viewer, String room, int count) {
        change(viewer, room, player -> new Player(player.excluded(), count));
    }

    private void change(SessionId viewer, String room, UnaryOperator<Player> change) {
        store.locked(() -> {
            Conference current = store.conferences().get(room);
            Player player = current == null ? null : current.players().get(viewer);
            if (player == null) {
                throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, viewer + " does not play " + room);
            }
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            players.put(viewer, change.apply(player));
            store.conferences().put(room, current.players(players));
            return null;
        });
    }

    /** The sessions that play a conference. */
    public List<SessionId> sessions() {
        return store.players().sessions();
    }

    /** How many conferences are under way, and how many play them. */
    public int count() {
        return store.conferences().size();
    }

    public int playerCount() {
        return store.conferences().values().stream().mapToInt(c -> c.players().size()).sum();
    }

    /** Keeps {@code conference}, or, when nobody publishes into it or plays it, ends it and its media server's room. */
    private void endIfIdle(String room, Conference conference) {
        if (conference.idle()) {
            store.conferences().remove(room);
            media.dropRoom(room, conference.mediaServer());
        } else {
            store.conferences().put(room, conference);
        }
    }

    private Object stripe(SessionId viewer, String room) {
        return stripes[Math.floorMod(31 * viewer.hashCode() + room.hashCode(), STRIPES)];
    }
}
