package io.signalbox.stream;

import io.signalbox.cluster.SharedState;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.session.SessionIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publish and play without a media server (protocol section 6): one publisher per stream and
 * its viewers, each known to the publisher by a {@code subscriberId}.
 *
 * <p>Changes hold the {@code streams} lock of the {@link SharedState}, which spans the cluster
 * when there is one; relaying reads the immutable broadcasts without it.
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

    /** A viewer admitted to a stream: the publisher must now offer to {@code subscriberId}. */
    public record Viewing(StreamId stream, String subscriberId, SessionId publisher) {
    }

    /** Where a relayed message goes, and the subscriberId to tag it with for a publisher. */
    public record Route(SessionId to, String subscriberId) {
    }

    /** What a stop (or a closed session) ended. */
    public sealed interface Stopped {
        StreamId stream();
    }

    /** A publisher stopped, or its stream was deleted: every viewer is told. */
    public record Unpublished(StreamId stream, SessionId publisher, List<SessionId> viewers) implements Stopped {
    }

    /** A viewer stopped: its publisher is told which subscriber left. */
    public record Unplayed(StreamId stream, String subscriberId, SessionId publisher) implements Stopped {
    }

    private static final String LOCK = "signalbox.streams";

    @Inject
    SharedState state;

    @Inject
    StreamsConfig config;

    @Inject
    StreamRegistry registry;

    private Map<StreamId, Broadcast> broadcasts() {
        return state.map("signalbox.streams.broadcasts");
    }

    private SessionIndex<StreamId> involvement() {
        return new SessionIndex<>(state.map("signalbox.streams.sessions"));
    }

    public void publish(SessionId session, StreamId stream) {
        registry.requireAllowed(stream);
        state.locked(LOCK, () -> {
            publishLocked(session, stream);
            return null;
        });
    }

    private void publishLocked(SessionId session, StreamId stream) {
        Map<StreamId, Broadcast> broadcasts = broadcasts();
        Broadcast current = broadcasts.get(stream);
        if (current != null && !current.publisher().equals(session)) {
            throw new SignalingException(ErrorDefinition.STREAM_ID_IN_USE, stream + " is published by another session");
        }
        if (current == null) {
            broadcasts.put(stream, new Broadcast(session, Map.of()));
            involvement().add(session, stream);
        }
    }

    public Viewing play(SessionId session, StreamId stream, String requestedSubscriberId) {
        return state.locked(LOCK, () -> playLocked(session, stream, requestedSubscriberId));
    }

    private Viewing playLocked(SessionId session, StreamId stream, String requestedSubscriberId) {
        Map<StreamId, Broadcast> broadcasts = broadcasts();
        Broadcast current = broadcasts.get(stream);
        if (current == null) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, "nobody publishes " + stream);
        }
        Optional<String> already = current.subscriberOf(session);
        if (already.isPresent()) {
            return new Viewing(stream, already.get(), current.publisher());
        }
        int limit = config.maxViewers();
        if (limit > 0 && current.viewers().size() >= limit) {
            throw new SignalingException(ErrorDefinition.VIEWER_LIMIT_REACHED, stream + " has " + limit + " viewers");
        }
        String subscriberId = freeSubscriberId(current, requestedSubscriberId, session);
        Map<String, SessionId> viewers = new LinkedHashMap<>(current.viewers());
        viewers.put(subscriberId, session);
        broadcasts.put(stream, new Broadcast(current.publisher(), Map.copyOf(viewers)));
        involvement().add(session, stream);
        return new Viewing(stream, subscriberId, current.publisher());
    }

    /**
     * Where a message {@code from} sends on {@code stream} goes, if {@code from} publishes or
     * plays it: a publisher names the viewer by subscriberId, a viewer's message goes to the
     * publisher tagged with its subscriberId. Empty when {@code from} has no part in it.
     */
    public Optional<Route> route(SessionId from, StreamId stream, String subscriberId) {
        Broadcast current = broadcasts().get(stream);
        if (current == null) {
            return Optional.empty();
        }
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
        return state.locked(LOCK, () -> stopLocked(session, stream));
    }

    private Stopped stopLocked(SessionId session, StreamId stream) {
        Map<StreamId, Broadcast> broadcasts = broadcasts();
        SessionIndex<StreamId> involvement = involvement();
        Broadcast current = broadcasts.get(stream);
        if (current == null) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, "nobody publishes " + stream);
        }
        if (current.publisher().equals(session)) {
            broadcasts.remove(stream);
            involvement.remove(session, stream);
            current.viewers().values().forEach(viewer -> involvement.remove(viewer, stream));
            return new Unpublished(stream, session, List.copyOf(current.viewers().values()));
        }
        String subscriberId = current.subscriberOf(session).orElseThrow(() -> new SignalingException(
                ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, "session " + session + " does not play " + stream));
        Map<String, SessionId> viewers = new LinkedHashMap<>(current.viewers());
        viewers.remove(subscriberId);
        broadcasts.put(stream, new Broadcast(current.publisher(), Map.copyOf(viewers)));
        involvement.remove(session, stream);
        return new Unplayed(stream, subscriberId, current.publisher());
    }

    /** Ends {@code stream} whoever publishes it, as when an admin deletes it; empty when it is not live. */
    public Optional<Unpublished> terminate(StreamId stream) {
        return state.locked(LOCK, () -> {
            Broadcast current = broadcasts().get(stream);
            return current == null ? Optional.empty() : Optional.of((Unpublished) stopLocked(current.publisher(), stream));
        });
    }

    /** Stops everything {@code session} published or played, as when its socket closes. */
    public List<Stopped> release(SessionId session) {
        return state.locked(LOCK, () -> {
            List<Stopped> stopped = new ArrayList<>();
            for (StreamId stream : involvement().heldBy(session)) {
                stopped.add(stopLocked(session, stream));
            }
            return stopped;
        });
    }

    /** The sessions that publish or play a stream. */
    public List<SessionId> sessions() {
        return involvement().sessions();
    }

    public Optional<Broadcast> broadcast(StreamId stream) {
        return Optional.ofNullable(broadcasts().get(stream));
    }

    /** How many streams are being published. */
    public int publishedCount() {
        return broadcasts().size();
    }

    /** How many viewers all streams have together. */
    public int viewerCount() {
        return broadcasts().values().stream().mapToInt(b -> b.viewers().size()).sum();
    }

    /** The id the viewer asked for if it is free, else one made from its session id. */
    private static String freeSubscriberId(Broadcast broadcast, String requested, SessionId session) {
        if (requested != null && !broadcast.viewers().containsKey(requested)) {
            return requested;
        }
        String candidate = session.value();
        for (int n = 2; broadcast.viewers().containsKey(candidate); n++) {
            candidate = session.value() + "-" + n;
        }
        return candidate;
    }

    /** How many sessions publish or play at least one stream. */
    public int involvedSessionCount() {
        return involvement().sessionCount();
    }
}
