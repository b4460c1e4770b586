package io.signalbox.conference;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.Feed;
import io.signalbox.media.MediaAddress;
import io.signalbox.media.MediaRoom;
import io.signalbox.media.MediaServer;
import io.signalbox.room.RoomId;
import io.signalbox.room.RoomService;
import io.signalbox.room.RoomsConfig;
import io.signalbox.session.SessionId;
import io.signalbox.stream.ConferenceSeats;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conferences through the media server (protocol section 7a): a room's members publish their
 * streams into one room of the media server ({@code publish} with {@code mainTrack} = the room),
 * and a player of the room ({@code play} of the room's id) gets every other member's feed on one
 * connection, changed as feeds come and go. A change holds the lock of its room in the
 * {@link ConferenceStore}; the media server is asked once it is let go of, and its room ends when
 * nobody publishes into it or plays it any more. One player's subscription is changed by one
 * thread at a time: its session's (the caller's to ensure).
 */
@ApplicationScoped
public class ConferenceService implements ConferenceSeats {
    static final Conference IDLE = new Conference(MediaAddress.NONE, Map.of(), Map.of());

    @Inject
    ConferenceStore store;

    @Inject
    MediaServer media;

    @Inject
    StreamService streams;

    @Inject
    RoomService rooms;

    @Inject
    RoomsConfig roomsConfig;

    @Inject
    Event<StreamEvent> happened;

    /**
     * Whether {@code play} of {@code id} plays a room's conference: nobody publishes a stream of
     * that name, and a conference or a room has it.
     */
    public boolean isRoom(StreamId id) {
        return streams.broadcast(id).isEmpty()
                && (exists(id.value()) || !rooms.members(new RoomId(id.value())).isEmpty());
    }

    /**
     * Whether {@code stop} of {@code id} by {@code session} is about a conference: nobody
     * publishes a stream of that name, and the session plays its conference, or is a member of
     * the room (Ant Media's player may stop it twice in a row).
     */
    public boolean stopsRoom(SessionId session, StreamId id) {
        return streams.broadcast(id).isEmpty()
                && (plays(session, id.value()) || rooms.isMember(session, new RoomId(id.value())));
    }

    /** The conference's room seats as many publishers as a room has members ({@code signalbox.rooms.max-participants}). */
    @Override
    public Seat seat(String room, StreamId feed) {
        MediaAddress at = store.locked(room, () -> {
            Conference current = store.conferences().get(room);
            if (current == null) {
                current = new Conference(media.address(), Map.of(), Map.of());
            }
            Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
            feeds.putIfAbsent(feed.value(), false);
            store.conferences().put(room, current.feeds(feeds));
            return current.mediaServer();
        });
        return new Seat(mediaRoom(room), at);
    }

    private MediaRoom mediaRoom(String room) {
        return new MediaRoom(room, roomsConfig.maxParticipants());
    }

    /**
     * Media flows into {@code feed}, published into {@code room}: returns the room's players,
     * whose subscriptions are to be brought up to date on their nodes ({@link #refresh}). The
     * first time, the feed is an active track of the room ({@link StreamEvent.TrackAdded}).
     */
    public List<SessionId> flowing(String room, StreamId feed) {
        Flowed flowed = store.locked(room, () -> {
            Conference current = store.conferences().get(room);
            if (current == null || !current.feeds().containsKey(feed.value())) {
                return new Flowed(List.of(), Optional.empty());
            }
            Optional<StreamEvent.TrackAdded> added = Optional.empty();
            if (!current.feeds().get(feed.value())) {
                added = Optional.of(new StreamEvent.TrackAdded(feed, room, !current.feeds().containsValue(true)));
                Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
                feeds.put(feed.value(), true);
                store.conferences().put(room, current.feeds(feeds));
            }
            return new Flowed(List.copyOf(current.players().keySet()), added);
        });
        flowed.added().ifPresent(happened::fire);
        return flowed.players();
    }

    /** The players to refresh once a feed flows, and the track it added when it had not flowed before. */
    private record Flowed(List<SessionId> players, Optional<StreamEvent.TrackAdded> added) {
    }

    /**
     * {@code feed} left {@code room} (its publisher stopped; its media is let go of already): the
     * media server tells the players itself. The last one out ends the media server's room.
     */
    @Override
    public void left(String room, StreamId feed) {
        Optional<MediaAddress> ended = store.locked(room, () -> {
            Conference current = store.conferences().get(room);
            if (current == null || !current.feeds().containsKey(feed.value())) {
                return Optional.<Left>empty();
            }
            Map<String, Boolean> feeds = new LinkedHashMap<>(current.feeds());
            boolean active = feeds.remove(feed.value());
            Optional<StreamEvent.TrackLeft> track = active
                    ? Optional.of(new StreamEvent.TrackLeft(feed, room, !feeds.containsValue(true))) : Optional.empty();
            return Optional.of(new Left(endIfIdle(room, current.feeds(feeds)), track));
        }).flatMap(left -> {
            left.track().ifPresent(happened::fire);
            return left.ended();
        });
        ended.ifPresent(mediaServer -> media.dropRoom(mediaRoom(room), mediaServer));
    }

    /** What a feed's leaving ends: the media server's room when it was the last, and the active track it was. */
    private record Left(Optional<MediaAddress> ended, Optional<StreamEvent.TrackLeft> track) {
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
        store.locked(room, () -> {
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
        return media.subscribe(viewer, mediaRoom(room), current.mediaServer(),
                new MediaServer.Subscription(feeds(feeds), feeds(player.video(feeds)), own.stream().findFirst().map(Feed::new)));
    }

    /** The feeds of {@code conference} whose media flows and that {@code viewer} publishes. */
    private List<String> own(SessionId viewer, Conference conference) {
        return flowing(conference).stream()
                .filter(feed -> streams.broadcast(new StreamId(feed)).map(b -> b.publisher().equals(viewer)).orElse(false)).toList();
    }

    /** The feeds whose media flows and that {@code player} gets: not left out, not its own. */
    private static List<String> received(Player player, Conference conference, List<String> own) {
        return flowing(conference).stream().filter(feed -> !player.excluded().contains(feed) && !own.contains(feed)).toList();
    }

    private static List<Feed> feeds(List<String> names) {
        return names.stream().map(Feed::new).toList();
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
    static Player requirePlayer(Conference conference, SessionId viewer, String room) {
        Player player = conference == null ? null : conference.players().get(viewer);
        if (player == null) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, viewer + " does not play " + room);
        }
        return player;
    }

    /** Ends {@code viewer}'s play of {@code room}; no_peer_associated_before, naming the room, when it does not play it. */
    public void stop(SessionId viewer, String room) {
        store.locked(room, () -> {
            Conference current = store.conferences().get(room);
            requirePlayer(current, viewer, room);
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            players.remove(viewer);
            store.conferences().put(room, current.players(players));
            store.players().remove(viewer, room);
            return null;
        });
        media.stop(viewer, mediaRoom(room));
        store.locked(room, () -> {
            Conference current = store.conferences().get(room);
            return current == null ? Optional.<MediaAddress>empty() : endIfIdle(room, current);
        }).ifPresent(mediaServer -> media.dropRoom(mediaRoom(room), mediaServer));
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
    private Optional<MediaAddress> endIfIdle(String room, Conference conference) {
        if (conference.idle()) {
            store.conferences().remove(room);
            return Optional.of(conference.mediaServer());
        }
        store.conferences().put(room, conference);
        return Optional.empty();
    }
}
