package io.signalbox.stream;

import io.signalbox.encoding.EncoderSetting;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.Feed;
import io.signalbox.media.MediaAddress;
import io.signalbox.media.MediaRoom;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Publish and play (protocol sections 6 and 6a): one publisher per stream and its viewers, each
 * known to the publisher by a {@code subscriberId}, browser to browser or through the media
 * server. A change holds its stream's lock in the {@link BroadcastStore}; the media server is asked
 * only once that lock is let go of, and undoing what it refused is a locked step of its own.
 * Relaying does not come here, and the encoder ladder is {@link StreamQuality}'s.
 */
@ApplicationScoped
public class StreamService {

    /**
     * A stream published, with the encoder ladder its publisher is handed; through the media
     * server, the publisher now offers to it, and the ladder comes once its media flows.
     */
    public record Published(StreamId stream, List<EncoderSetting> ladder, boolean viaMediaServer) {
    }

    /**
     * A viewer admitted to a stream: the publisher must now offer to {@code subscriberId}, or,
     * through the media server, the viewer takes the server's {@code offer};
     * {@code version} numbers the change among all changes to broadcasts.
     */
    public record Viewing(StreamId stream, String subscriberId, SessionId publisher, SessionId viewer, long version,
            Optional<MediaServer.Offer> offer) {
    }

    /** Where a relayed message goes, and the subscriberId to tag it with for a publisher. */
    public record Route(SessionId to, String subscriberId) {
    }

    @Inject
    BroadcastStore store;

    @Inject
    StreamsConfig config;

    @Inject
    StreamRegistry registry;

    @Inject
    StreamQuality quality;

    @Inject
    MediaServer media;

    @Inject
    ConferenceSeats conferences;

    /**
     * The conference a publish of {@code stream} with this {@code mainTrack} goes into: the room
     * it names, through the media server, unless it names the stream itself; none under mesh,
     * where a room's members play each other's streams.
     */
    public Optional<String> conferenceOf(StreamId stream, Optional<String> mainTrack) {
        return media.forwards() ? mainTrack.filter(room -> !room.isEmpty() && !room.equals(stream.value())) : Optional.empty();
    }

    /**
     * Publishes {@code stream} as {@code details} say; through the media server, into the
     * conference of room {@code conference} when there is one ({@link #conferenceOf}).
     */
    public Published publish(SessionId session, StreamId stream, Optional<String> conference, StreamDetails details) {
        List<EncoderSetting> ladder = quality.publisherLadder(stream);
        registry.requireAllowed(stream);
        requireMediaServer(stream);
        Feed feed = new Feed(stream.value());
        ConferenceSeats.Seat seat = store.locked(stream, () -> {
            Optional<Broadcast> current = store.find(stream);
            if (current.isPresent() && current.get().publisher().equals(session)) {
                throw new SignalingException(ErrorDefinition.ALREADY_PUBLISHING, "session " + session + " already publishes " + stream);
            }
            if (current.isPresent()) {
                throw new SignalingException(ErrorDefinition.STREAM_ID_IN_USE, stream + " is published by another session");
            }
            ConferenceSeats.Seat placed = conference.map(room -> conferences.seat(room, stream))
                    .orElseGet(() -> new ConferenceSeats.Seat(MediaRoom.of(feed), media.address()));
            store.put(stream, new Broadcast(session, Map.of(), placed.mediaServer(), List.of(), conference.orElse(null)));
            store.details().put(stream, details);
            store.involvement().add(session, stream);
            return placed;
        });
        if (media.forwards()) {
            try {
                media.publish(session, feed, seat.room(), seat.mediaServer());
            } catch (RuntimeException e) {
                undo(session, stream);
                throw e;
            }
        }
        return new Published(stream, ladder, media.forwards());
    }

    /** The streams {@code session} publishes into conference {@code room}. */
    public List<StreamId> publishedInto(SessionId session, String room) {
        return heldBy(session, true).stream()
                .filter(stream -> store.find(stream).map(b -> room.equals(b.conference())).orElse(false)).toList();
    }

    public Viewing play(SessionId session, StreamId stream, Optional<SubscriberId> requested) {
        requireMediaServer(stream);
        Admitted admitted = store.locked(stream, () -> playLocked(session, stream, requested));
        Viewing viewing = admitted.viewing();
        if (!media.forwards()) {
            return viewing;
        }
        try {
            MediaServer.Offer offer = media.play(session, new Feed(stream.value()), admitted.mediaRoom(), admitted.mediaServer());
            return new Viewing(stream, viewing.subscriberId(), viewing.publisher(), session, viewing.version(),
                    Optional.of(offer));
        } catch (RuntimeException e) {
            undo(session, stream);
            throw e;
        }
    }

    /** A viewer let in, and where the stream's media server and room are. */
    private record Admitted(Viewing viewing, MediaAddress mediaServer, MediaRoom mediaRoom) {
    }

    private Admitted playLocked(SessionId session, StreamId stream, Optional<SubscriberId> requested) {
        Broadcast current = requirePublished(stream);
        if (current.subscriberOf(session).isPresent()) {
            // As Ant Media answers: a second offer would renegotiate a connection still coming up.
            throw new SignalingException(ErrorDefinition.ALREADY_PLAYING, "session " + session + " already plays " + stream);
        }
        int limit = config.maxViewers();
        if (limit > 0 && current.viewers().size() >= limit) {
            throw new SignalingException(ErrorDefinition.VIEWER_LIMIT_REACHED, stream + " has " + limit + " viewers");
        }
        String subscriberId = freeSubscriberId(current, requested, session);
        Map<String, SessionId> viewers = new LinkedHashMap<>(current.viewers());
        viewers.put(subscriberId, session);
        store.put(stream, current.viewers(viewers));
        store.involvement().add(session, stream);
        return new Admitted(new Viewing(stream, subscriberId, current.publisher(), session, store.nextVersion(),
                Optional.empty()), current.mediaServer(), current.mediaRoom(stream));
    }

    /** Whether publishers and viewers connect to a media server rather than to each other. */
    public boolean forwardsMedia() {
        return media.forwards();
    }

    /**
     * Where a message {@code from} sends on {@code stream} goes, if {@code from} publishes or
     * plays it, read from the shared maps: a publisher names the viewer by subscriberId, a
     * viewer's message goes to the publisher tagged with its subscriberId. Empty when
     * {@code from} has no part in it. The relay's way when its own routes do not know (yet).
     */
    public Optional<Route> route(SessionId from, StreamId stream, String subscriberId) {
        Optional<Broadcast> found = store.find(stream);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Broadcast current = found.get();
        if (current.publisher().equals(from)) {
            SessionId viewer = subscriberId == null ? null : current.viewers().get(subscriberId);
            if (viewer == null) {
                throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                        "no viewer " + subscriberId + " on " + stream);
            }
            return Optional.of(new Route(viewer, null));
        }
        return current.subscriberOf(from).map(sub -> new Route(current.publisher(), sub));
    }

    public Stopped stop(SessionId session, StreamId stream) {
        return endMedia(store.locked(stream, () -> stopLocked(session, stream)));
    }

    private Stopped stopLocked(SessionId session, StreamId stream) {
        Broadcast current = requirePublished(stream);
        if (current.publisher().equals(session)) {
            store.remove(stream);
            store.involvement().remove(session, stream);
            current.viewers().values().forEach(viewer -> store.involvement().remove(viewer, stream));
            return new Stopped.Unpublished(stream, session, current.viewers(), store.nextVersion(), current.conference());
        }
        String subscriberId = current.subscriberOf(session).orElseThrow(() -> new SignalingException(
                ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, "session " + session + " does not play " + stream));
        Map<String, SessionId> viewers = new LinkedHashMap<>(current.viewers());
        viewers.remove(subscriberId);
        store.put(stream, current.viewers(viewers));
        store.involvement().remove(session, stream);
        return new Stopped.Unplayed(stream, subscriberId, current.publisher(), session, store.nextVersion());
    }

    /** Takes back what the media server refused: {@code session}'s part in {@code stream}, unless it ended meanwhile. */
    private void undo(SessionId session, StreamId stream) {
        try {
            stop(session, stream);
        } catch (SignalingException e) {
            // ended meanwhile: nothing is left to take back
        }
    }

    /** Ends {@code stream} whoever publishes it, as when an admin deletes it; empty when it is not live. */
    public Optional<Stopped.Unpublished> terminate(StreamId stream) {
        return store.locked(stream, () -> store.find(stream)
                .map(current -> (Stopped.Unpublished) stopLocked(current.publisher(), stream))).map(this::endMedia);
    }

    /** Stops everything {@code session} published or played, as when its socket closes. */
    public List<Stopped> release(SessionId session) {
        List<Stopped> stopped = new ArrayList<>();
        for (StreamId stream : store.involvement().heldBy(session)) {
            try {
                stopped.add(stop(session, stream));
            } catch (SignalingException e) {
                // stopped meanwhile (its publisher stopped, or the session's own stop)
            }
        }
        return stopped;
    }

    /** Lets go of the media server's part in what stopped: the publisher's feed, or one viewer's subscription. */
    private <S extends Stopped> S endMedia(S stopped) {
        if (media.forwards()) {
            Feed feed = new Feed(stopped.stream().value());
            if (stopped instanceof Stopped.Unpublished unpublished) {
                // Its viewers' subscriptions live on their own nodes: released there (SessionDirectory.changeMedia).
                media.stop(unpublished.publisher(), feed);
                if (unpublished.conference() != null) {
                    conferences.left(unpublished.conference(), unpublished.stream());
                }
            } else if (stopped instanceof Stopped.Unplayed unplayed) {
                media.stop(unplayed.viewer(), feed);
            }
        }
        return stopped;
    }

    /** Under the media server, refuses at once what it could not carry now. */
    private void requireMediaServer(StreamId stream) {
        if (media.forwards() && !media.reachable()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, "no media server for " + stream);
        }
    }

    /** The sessions that publish or play a stream. */
    public List<SessionId> sessions() {
        return store.involvement().sessions();
    }

    public Optional<Broadcast> broadcast(StreamId stream) {
        return store.find(stream);
    }

    /** The subscriberId under which {@code session} plays live {@code stream}; empty when it does not. */
    public Optional<String> subscriberIdOf(SessionId session, StreamId stream) {
        return store.find(stream).flatMap(b -> b.subscriberOf(session));
    }

    /** The streams {@code session} publishes ({@code true}) or plays ({@code false}). */
    public List<StreamId> heldBy(SessionId session, boolean publishing) {
        return store.involvement().heldBy(session).stream()
                .filter(stream -> store.find(stream).map(b -> b.publisher().equals(session) == publishing).orElse(false)).toList();
    }

    /** The subscriber ids of live {@code stream}'s viewers, sorted (a steady order to page through); empty when it is not live. */
    public List<String> subscriberIds(StreamId stream) {
        return store.find(stream).map(b -> b.viewers().keySet().stream().sorted().toList()).orElse(List.<String>of());
    }

    /** What the publisher of live {@code stream} said of it; empty when it is not live. */
    public Optional<StreamDetails> details(StreamId stream) {
        return Optional.ofNullable(store.details().get(stream));
    }

    /** A change to a live stream's details, and who plays it now, to be told. */
    public record Described(StreamDetails details, List<SessionId> viewers) {
    }

    /**
     * Changes what the publisher says of live {@code stream}: no_stream_exist when it is not live,
     * not_publisher when {@code session} does not publish it.
     */
    public Described describe(SessionId session, StreamId stream, UnaryOperator<StreamDetails> change) {
        return store.locked(stream, () -> {
            Broadcast current = requirePublished(stream);
            if (!current.publisher().equals(session)) {
                throw new SignalingException(ErrorDefinition.NOT_PUBLISHER, session + " does not publish " + stream);
            }
            StreamDetails changed = change.apply(store.details().get(stream));
            store.details().put(stream, changed);
            return new Described(changed, List.copyOf(current.viewers().values()));
        });
    }

    /** How many streams are being published. */
    public int publishedCount() {
        return store.publishedCount();
    }

    /** How many viewers {@code stream} has; 0 when nobody publishes it. */
    public int viewerCount(StreamId stream) {
        return store.find(stream).map(b -> b.viewers().size()).orElse(0);
    }

    /** How many viewers all streams have together. */
    public int viewerCount() {
        return store.viewerCount();
    }

    /** How many sessions publish or play at least one stream. */
    public int involvedSessionCount() {
        return store.involvement().sessionCount();
    }

    private Broadcast requirePublished(StreamId stream) {
        return store.find(stream).orElseThrow(() -> new SignalingException(ErrorDefinition.NO_STREAM_EXIST,
                "nobody publishes " + stream));
    }

    /** The id the viewer asked for if it is free, else one made from its session id. */
    private static String freeSubscriberId(Broadcast broadcast, Optional<SubscriberId> requested, SessionId session) {
        if (requested.isPresent() && !broadcast.viewers().containsKey(requested.get().value())) {
            return requested.get().value();
        }
        String candidate = session.value();
        for (int n = 2; broadcast.viewers().containsKey(candidate); n++) {
            candidate = session.value() + "-" + n;
        }
        return candidate;
    }
}
