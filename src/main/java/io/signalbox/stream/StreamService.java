package io.signalbox.stream;

import io.signalbox.encoding.EncoderSetting;
import io.signalbox.encoding.EncodingService;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publish and play without a media server (protocol sections 6 and 8): one publisher per stream
 * and its viewers, each known to the publisher by a {@code subscriberId}, and the stream's
 * encoder ladder. Changes hold the {@link BroadcastStore}'s lock; relaying does not come here.
 */
@ApplicationScoped
public class StreamService {

    /** A published stream: its publisher and its viewers by subscriberId. */
    public record Broadcast(SessionId publisher, Map<String, SessionId> viewers) implements Serializable {
        Optional<String> subscriberOf(SessionId session) {
            return viewers.entrySet().stream().filter(e -> e.getValue().equals(session)).map(Map.Entry::getKey)
                    .findFirst();
        }
    }

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

    /**
     * A viewer's quality request: the publisher, when there is one to tell (no media server),
     * sends {@code height} to {@code subscriberId}; through the media server, the server switched the layer itself.
     */
    public record QualityForced(StreamId stream, Optional<SessionId> publisher, String subscriberId, int height) {
    }

    /** What a stop (or a closed session) ended. */
    public sealed interface Stopped {
        StreamId stream();

        long version();
    }

    /** A publisher stopped, or its stream was deleted: every viewer, by subscriberId, is told. */
    public record Unpublished(StreamId stream, SessionId publisher, Map<String, SessionId> viewers, long version)
            implements Stopped {
    }

    /** A viewer stopped: its publisher is told which subscriber left. */
    public record Unplayed(StreamId stream, String subscriberId, SessionId publisher, SessionId viewer, long version)
            implements Stopped {
    }

    @Inject
    BroadcastStore store;

    @Inject
    StreamsConfig config;

    @Inject
    StreamRegistry registry;

    @Inject
    EncodingService encoding;

    @Inject
    MediaServer media;

    public Published publish(SessionId session, StreamId stream) {
        List<EncoderSetting> ladder = encoding.forPublish(stream.value(), ownLadder(stream));
        registry.requireAllowed(stream);
        requireMediaServer(stream);
        boolean added = store.locked(() -> {
            Optional<Broadcast> current = store.find(stream);
            if (current.isPresent() && !current.get().publisher().equals(session)) {
                throw new SignalingException(ErrorDefinition.STREAM_ID_IN_USE, stream + " is published by another session");
            }
            if (current.isEmpty()) {
                store.put(stream, new Broadcast(session, Map.of()));
                store.involvement().add(session, stream);
            }
            return current.isEmpty();
        });
        if (added && media.forwards()) {
            try {
                media.publish(session, stream.value());
            } catch (RuntimeException e) {
                store.locked(() -> stopLocked(session, stream));
                throw e;
            }
        }
        return new Published(stream, ladder, media.forwards());
    }

    public Viewing play(SessionId session, StreamId stream, Optional<SubscriberId> requested) {
        requireMediaServer(stream);
        Viewing viewing = store.locked(() -> playLocked(session, stream, requested));
        if (!media.forwards()) {
            return viewing;
        }
        try {
            MediaServer.Offer offer = media.play(session, stream.value());
            return new Viewing(stream, viewing.subscriberId(), viewing.publisher(), session, viewing.version(),
                    Optional.of(offer));
        } catch (RuntimeException e) {
            store.locked(() -> stopLocked(session, stream));
            throw e;
        }
    }

    private Viewing playLocked(SessionId session, StreamId stream, Optional<SubscriberId> requested) {
        Broadcast current = requirePublished(stream);
        Optional<String> already = current.subscriberOf(session);
        if (already.isPresent()) {
            return new Viewing(stream, already.get(), current.publisher(), session, 0, Optional.empty());
        }
        int limit = config.maxViewers();
        if (limit > 0 && current.viewers().size() >= limit) {
            throw new SignalingException(ErrorDefinition.VIEWER_LIMIT_REACHED, stream + " has " + limit + " viewers");
        }
        String subscriberId = freeSubscriberId(current, requested, session);
        Map<String, SessionId> viewers = new LinkedHashMap<>(current.viewers());
        viewers.put(subscriberId, session);
        store.put(stream, new Broadcast(current.publisher(), Map.copyOf(viewers)));
        store.involvement().add(session, stream);
        return new Viewing(stream, subscriberId, current.publisher(), session, store.nextVersion(), Optional.empty());
    }

    /** Whether publishers and viewers connect to a media server rather than to each other. */
    public boolean forwardsMedia() {
        return media.forwards();
    }

    /** The ladder a publisher of a stream is handed once its media flows into the media server. */
    public List<EncoderSetting> publisherLadder(StreamId stream) {
        return encoding.forPublish(stream.value(), ownLadder(stream));
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
        return endMedia(store.locked(() -> stopLocked(session, stream)));
    }

    private Stopped stopLocked(SessionId session, StreamId stream) {
        Broadcast current = requirePublished(stream);
        if (current.publisher().equals(session)) {
            store.remove(stream);
            store.involvement().remove(session, stream);
            current.viewers().values().forEach(viewer -> store.involvement().remove(viewer, stream));
            return new Unpublished(stream, session, current.viewers(), store.nextVersion());
        }
        String subscriberId = current.subscriberOf(session).orElseThrow(() -> new SignalingException(
                ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, "session " + session + " does not play " + stream));
        Map<String, SessionId> viewers = new LinkedHashMap<>(current.viewers());
        viewers.remove(subscriberId);
        store.put(stream, new Broadcast(current.publisher(), Map.copyOf(viewers)));
        store.involvement().remove(session, stream);
        return new Unplayed(stream, subscriberId, current.publisher(), session, store.nextVersion());
    }

    /** Ends {@code stream} whoever publishes it, as when an admin deletes it; empty when it is not live. */
    public Optional<Unpublished> terminate(StreamId stream) {
        return store.locked(() -> store.find(stream)
                .map(current -> (Unpublished) stopLocked(current.publisher(), stream))).map(this::endMedia);
    }

    /** Stops everything {@code session} published or played, as when its socket closes. */
    public List<Stopped> release(SessionId session) {
        return store.locked(() -> {
            List<Stopped> stopped = new ArrayList<>();
            for (StreamId stream : store.involvement().heldBy(session)) {
                stopped.add(stopLocked(session, stream));
            }
            return stopped;
        }).stream().map(this::endMedia).toList();
    }

    /** Lets go of the media server's part in what stopped: the publisher's feed, or one viewer's subscription. */
    private <S extends Stopped> S endMedia(S stopped) {
        if (media.forwards()) {
            String feed = stopped.stream().value();
            if (stopped instanceof Unpublished unpublished) {
                // Its viewers' subscriptions live on their own nodes: releaseMedia, there.
                media.stop(unpublished.publisher(), feed);
            } else if (stopped instanceof Unplayed unplayed) {
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

    /** The encoder ladder of a published stream (getStreamInfo). */
    public List<EncoderSetting> ladder(StreamId stream) {
        requirePublished(stream);
        return encoding.ladder(stream.value(), ownLadder(stream));
    }

    /** Checks a viewer's request for one rung of the ladder (0: automatic) and says whom to tell. */
    public QualityForced forceQuality(SessionId viewer, StreamId stream, Integer height) {
        Broadcast current = requirePublished(stream);
        int rung = encoding.quality(stream.value(), ownLadder(stream), height);
        String subscriberId = current.subscriberOf(viewer).orElseThrow(() -> new SignalingException(
                ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, "session " + viewer + " does not play " + stream));
        if (!media.forwards()) {
            return new QualityForced(stream, Optional.of(current.publisher()), subscriberId, rung);
        }
        media.layer(viewer, stream.value(), layerOf(ladder(stream), rung));
        return new QualityForced(stream, Optional.empty(), subscriberId, rung);
    }

    /**
     * The simulcast layer that carries {@code height}: the publisher sends the three highest
     * rungs, counted from the lowest of them (0) up; a lower rung gets the lowest layer, and 0
     * (automatic) the highest.
     */
    static int layerOf(List<EncoderSetting> ladder, int height) {
        List<Integer> heights = ladder.stream().map(EncoderSetting::height).sorted(java.util.Comparator.reverseOrder())
                .limit(3).sorted().toList();
        int layer = heights.indexOf(height);
        return height == 0 ? heights.size() - 1 : Math.max(layer, 0);
    }

    /** The sessions that publish or play a stream. */
    public List<SessionId> sessions() {
        return store.involvement().sessions();
    }

    public Optional<Broadcast> broadcast(StreamId stream) {
        return store.find(stream);
    }

    /** How many streams are being published. */
    public int publishedCount() {
        return store.publishedCount();
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

    private List<EncoderSetting> ownLadder(StreamId stream) {
        return registry.find(stream).map(StreamRegistry.Registration::encoderSettings).orElse(List.of());
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
