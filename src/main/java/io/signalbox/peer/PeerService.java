package io.signalbox.peer;

import io.signalbox.cluster.SharedState;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.session.SessionIndex;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Peer-to-peer association (protocol section 5): at most two sessions per stream, each told
 * about the other.
 *
 * <p>Changes hold the {@code peers} lock of the {@link SharedState}, which spans the cluster
 * when there is one; the relay path ({@link #otherPeer}) reads the immutable pairs without it.
 */
@ApplicationScoped
public class PeerService {

    /** One side of a P2P stream. */
    public record Peer(SessionId session, PeerMode mode) implements Serializable {
    }

    /** What a {@code join} changed: the peer that was already there, if any, should now start. */
    public record Joined(Optional<SessionId> startOffer) {
    }

    /** A peer that lost its partner when a session left a stream. */
    public record Left(StreamId stream, Optional<SessionId> remaining) {
    }

    private static final String LOCK = "signalbox.peers";

    @Inject
    SharedState state;

    private Map<StreamId, List<Peer>> pairs() {
        return state.map("signalbox.peers.pairs");
    }

    private SessionIndex<StreamId> joinedBySession() {
        return new SessionIndex<>(state.map("signalbox.peers.sessions"));
    }

    public Joined join(SessionId session, StreamId stream, PeerMode mode) {
        return state.locked(LOCK, () -> joinLocked(session, stream, mode));
    }

    private Joined joinLocked(SessionId session, StreamId stream, PeerMode mode) {
        Map<StreamId, List<Peer>> pairs = pairs();
        List<Peer> peers = pairs.getOrDefault(stream, List.of());
        if (find(peers, session).isPresent()) {
            return new Joined(Optional.empty());
        }
        if (peers.size() >= 2) {
            throw new SignalingException(ErrorDefinition.NO_SPACE_FOR_NEW_PEER,
                    "stream " + stream + " already has two peers");
        }
        List<Peer> updated = new ArrayList<>(peers);
        updated.add(new Peer(session, mode));
        pairs.put(stream, List.copyOf(updated));
        joinedBySession().add(session, stream);
        return new Joined(peers.stream().map(Peer::session).findFirst());
    }

    /** The session on the other side of {@code stream}, for relaying. */
    public SessionId otherPeer(SessionId session, StreamId stream) {
        List<Peer> peers = pairs().getOrDefault(stream, List.of());
        if (find(peers, session).isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                    "session " + session + " has not joined " + stream);
        }
        return peers.stream().map(Peer::session).filter(s -> !s.equals(session)).findFirst()
                .orElseThrow(() -> new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                        "stream " + stream + " has no other peer yet"));
    }

    public Left leave(SessionId session, StreamId stream) {
        return state.locked(LOCK, () -> leaveLocked(session, stream));
    }

    private Left leaveLocked(SessionId session, StreamId stream) {
        Map<StreamId, List<Peer>> pairs = pairs();
        List<Peer> peers = pairs.getOrDefault(stream, List.of());
        if (find(peers, session).isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                    "session " + session + " has not joined " + stream);
        }
        List<Peer> remaining = peers.stream().filter(p -> !p.session().equals(session)).toList();
        if (remaining.isEmpty()) {
            pairs.remove(stream);
        } else {
            pairs.put(stream, List.copyOf(remaining));
        }
        joinedBySession().remove(session, stream);
        return new Left(stream, remaining.stream().map(Peer::session).findFirst());
    }

    /** Leaves every stream {@code session} joined, as when its socket closes. */
    public List<Left> release(SessionId session) {
        return state.locked(LOCK, () -> joinedBySession().heldBy(session).stream()
                .map(stream -> leaveLocked(session, stream)).toList());
    }

    /** The sessions that have joined a P2P stream. */
    public List<SessionId> sessions() {
        return joinedBySession().sessions();
    }

    /** The peers of {@code stream}, in join order. */
    public List<Peer> peers(StreamId stream) {
        return pairs().getOrDefault(stream, List.of());
    }

    /** How many P2P streams have at least one peer. */
    public int streamCount() {
        return pairs().size();
    }

    /** How many P2P streams have both peers joined. */
    public long pairCount() {
        return pairs().values().stream().filter(peers -> peers.size() == 2).count();
    }

    /** How many sessions have joined at least one P2P stream. */
    public int sessionCount() {
        return joinedBySession().sessionCount();
    }

    private static Optional<Peer> find(List<Peer> peers, SessionId session) {
        return peers.stream().filter(p -> p.session().equals(session)).findFirst();
    }
}
