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
 * connection, changed as feeds come and go. A change holds the lock of its room in the
 * {@link BroadcastStore}; the media server is asked once it is let go of, and its room ends when
 * nobody publishes into it or plays it any more. One player's subscription is changed by one
 * thread at a time: its session's (the caller's to ensure).
 */
@ApplicationScoped
public class Conferences {
    /**
     * What one player asked for: the feeds it will not get; how many feeds' video at most (0:
     * every one's); the feeds whose video it keeps whatever the limit (pinned, Ant Media's
     * {@code assignVideoTrackCommand}); and from which of the others the limited video starts
     * (Ant Media's paging, {@code updateVideoTrackAssignmentsCommand}).
     */
    public record Player(List<String> excluded, int maxVideo, List<String> pinned, int offset) implements Serializable {
        static Player of(List<String> excluded) {
            return new Player(excluded, 0, List.of(), 0);
        }

        Player excluding(List<String> excluded) {
            return new Player(List.copyOf(excluded), maxVideo, pinned, offset);
        }

        Player limited(int maxVideo) {
            return new Player(excluded, maxVideo, pinned, offset);
        }

        Player pinning(List<String> pinned) {
            return new Player(excluded, maxVideo, List.copyOf(pinned), offset);
        }

        Player paged(int offset, int size) {
            return new Player(excluded, size, pinned, offset);
        }

        /**
         * Of {@code feeds} (in the order they came), those whose video this player gets: all when
         * there is no limit; else the pinned first, then the others from the offset on, at most
         * the limit in all.
         */
        public List<String> video(List<String> feeds) {
            if (maxVideo == 0) {
                return feeds;
            }
            List<String> chosen = new ArrayList<>(feeds.stream().filter(pinned::contains).toList());
            List<String> others = feeds.stream().filter(feed -> !pinned.contains(feed)).toList();
            others.stream().skip(Math.min(offset, others.size())).forEach(chosen::add);
            return List.copyOf(chosen.subList(0, Math.min(maxVideo, chosen.size())));
        }
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

    private static final Conference IDLE = new Conference("", Map.of(), Map.of());

    @Inject
    BroadcastStore store;

    @Inject
    MediaServer media;

    /**
     * Seats {@code feed} in {@code room}'s conference, begun on this node's media server when it
     * is the first, and returns that media server's address. Called holding the feed's stream
     * lock; takes the room's after it.
     */
    String seat(String room, StreamId feed) {
        return store.lockedConference(room, () -> {
            Conference current = store.conferences().get(room);
            if (current == null) {
                current = new Conference(media.address(), Map.of(), Map.of());
            }
            Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
            feeds.putIfAbsent(feed.value(), false);
            store.conferences().put(room, current.feeds(feeds));
            return current.mediaServer();
        });
    }

    /**
     * Media flows into {@code feed}, published into {@code room}: returns the room's players,
     * whose subscriptions are to be brought up to date on their nodes ({@link #refresh}).
     */
    public List<SessionId> flowing(String room, StreamId feed) {
        return store.lockedConference(room, () -> {
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
        Optional<String> ended = store.lockedConference(room, () -> {
            Conference current = store.conferences().get(room);
            if (current == null || !current.feeds().containsKey(feed.value())) {
                return Optional.<String>empty();
            }
            Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
            feeds.remove(feed.value());
            return endIfIdle(room, current.feeds(feeds));
        });
        ended.ifPresent(mediaServer -> media.dropRoom(room, mediaServer));
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
        store.lockedConference(room, () -> {
            Conference current = store.conferences().get(room);
            if (current == null) {
                current = new Conference(media.address(), Map.of(), Map.of());
            }
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            Player before = players.get(viewer);
            players.put(viewer, before == null ? Player.of(List.copyOf(excluded)) : before.excluding(excluded));
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
        Conference current = store.conferences().get(room);
        Player player = current == null ? null : current.players().get(viewer);
        if (player == null) {
            return Optional.empty(); // stopped meanwhile
        }
        List<String> own = own(viewer, current);
        List<String> feeds = received(player, current, own);
        return media.subscribe(viewer, room, current.mediaServer(), feeds, own.stream().findFirst(), player.video(feeds));
    }

    /** The feeds of {@code conference} whose media flows and that {@code viewer} publishes. */
    private List<String> own(SessionId viewer, Conference conference) {
        return flowing(conference).stream()
                .filter(feed -> store.find(new StreamId(feed)).map(b -> b.publisher().equals(viewer)).orElse(false)).toList();
    }

    /** The feeds whose media flows and that {@code player} gets: not left out, not its own. */
    private static List<String> received(Player player, Conference conference, List<String> own) {
        return flowing(conference).stream().filter(feed -> !player.excluded().contains(feed) && !own.contains(feed)).toList();
    }

    private static List<String> flowing(Conference conference) {
        return conference.feeds().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /**
     * The feeds whose video {@code viewer}'s play of {@code room} carries, as its subscription is
     * brought to them; no_peer_associated_before, naming the room, when it does not play it.
     */
    public List<String> videoAssignments(SessionId viewer, String room) {
        Conference current = store.conferences().get(room);
        Player player = requirePlayer(current, viewer, room);
        return player.video(received(player, current, own(viewer, current)));
    }

    /** {@code viewer}'s player in {@code conference} (of {@code room}); no_peer_associated_before, naming the room, when it does not play it. */
    private static Player requirePlayer(Conference conference, SessionId viewer, String room) {
        Player player = conference == null ? null : conference.players().get(viewer);
        if (player == null) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, viewer + " does not play " + room);
        }
        return player;
    }

    /** Ends {@code viewer}'s play of {@code room}; no_peer_associated_before, naming the room, when it does not play it. */
    public void stop(SessionId viewer, String room) {
        store.lockedConference(room, () -> {
            Conference current = store.conferences().get(room);
            requirePlayer(current, viewer, room);
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            players.remove(viewer);
            store.conferences().put(room, current.players(players));
            store.players().remove(viewer, room);
            return null;
        });
        media.stop(viewer, room);
        store.lockedConference(room, () -> {
            Conference current = store.conferences().get(room);
            return current == null ? Optional.<String>empty() : endIfIdle(room, current);
        }).ifPresent(mediaServer -> media.dropRoom(room, mediaServer));
    }

    /** Ends every conference play of a closed session; returns the rooms it played. */
    public List<String> release(SessionId session) {
        List<String> rooms = store.players().heldBy(session);
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
            return player.excluding(now);
        });
    }

    /**
     * Has {@code viewer}'s play of {@code room} carry the video of at most {@code count} feeds (0:
     * every one's), chosen as {@link Player#video} says; the others' audio still comes.
     * no_peer_associated_before, naming the room, when it does not play it.
     */
    public void maxVideo(SessionId viewer, String room, int count) {
        change(viewer, room, player -> player.limited(count));
    }

    /**
     * Has {@code viewer}'s play of {@code room} keep ({@code pinned}) or no longer keep the
     * video of member stream {@code feed} whatever its limit; no_peer_associated_before when it
     * does not play the room.
     */
    public void pin(SessionId viewer, String room, String feed, boolean pinned) {
        change(viewer, room, player -> {
            List<String> now = new ArrayList<>(player.pinned());
            now.remove(feed);
            if (pinned) {
                now.add(feed);
            }
            return player.pinning(now);
        });
    }

    /**
     * Has {@code viewer}'s play of {@code room} carry the video of {@code size} members (0: of
     * every one), the pinned first, then the others from the {@code offset}th on;
     * no_peer_associated_before when it does not play the room.
     */
    public void page(SessionId viewer, String room, int offset, int size) {
        change(viewer, room, player -> player.paged(offset, size));
    }

    /** The conference that {@code viewer} plays in which {@code feed} is published, if any. */
    public Optional<String> playedWith(SessionId viewer, String feed) {
        return store.players().heldBy(viewer).stream()
                .filter(room -> store.conferences().getOrDefault(room, IDLE).feeds().containsKey(feed)).findFirst();
    }

    private void change(SessionId viewer, String room, UnaryOperator<Player> change) {
        store.lockedConference(room, () -> {
            Conference current = store.conferences().get(room);
            Player player = requirePlayer(current, viewer, room);
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            players.put(viewer, change.apply(player));
            store.conferences().put(room, current.players(players));
            return null;
        });
    }

    /** The conferences {@code session} plays. */
    public List<String> playedBy(SessionId session) {
        return store.players().heldBy(session);
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

    /**
     * Keeps {@code conference}, or, when nobody publishes into it or plays it, ends it; returns the
     * address of the media server whose room is then to be dropped, once the lock is let go of.
     */
    private Optional<String> endIfIdle(String room, Conference conference) {
        if (conference.idle()) {
            store.conferences().remove(room);
            return Optional.of(conference.mediaServer());
        }
        store.conferences().put(room, conference);
        return Optional.empty();
    }
}
