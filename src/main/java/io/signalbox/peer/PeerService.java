package io.signalbox.peer;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Peer-to-peer association (protocol section 5): at most two sessions per stream, each told
 * about the other. Joins and leaves hold the {@link PairStore}'s lock; relaying does not come here.
 */
@ApplicationScoped
public class PeerService {

    /** One side of a P2P stream. */
    public record Peer(SessionId session, PeerMode mode) implements Serializable {
    }

    /**
     * What a {@code join} changed: the peer that was already there, if any, should now start;
     * {@code version} numbers the change among all changes to pairs.
     */
    public record Joined(StreamId stream, Optional<SessionId> partner, long version) {
    }

    /** A session left a stream: the peer that lost its partner, if any. */
    public record Left(StreamId stream, Optional<SessionId> remaining, long version) {
    }

    @Inject
    PairStore store;

    @Inject
    StreamRegistry registry;

    public Joined join(SessionId session, StreamId stream, PeerMode mode) {
        registry.requireAllowed(stream);
        return store.locked(stream, () -> {
            List<Peer> peers = store.peers(stream);
            if (find(peers, session).isPresent()) {
                return new Joined(stream, Optional.empty(), 0);
            }
            if (peers.size() >= 2) {
                throw new SignalingException(ErrorDefinition.NO_SPACE_FOR_NEW_PEER,
                        "stream " + stream + " already has two peers");
            }
            List<Peer> updated = new ArrayList<>(peers);
            updated.add(new Peer(session, mode));
            store.put(stream, updated);
            store.joinedBySession().add(session, stream);
            return new Joined(stream, peers.stream().map(Peer::session).findFirst(), store.nextVersion());
        });
    }

    /**
     * The session on the other side of {@code stream}, read from the shared maps: the relay's
     * way when its own routes do not know (yet), and its check that {@code session} joined.
     */
    public SessionId otherPeer(SessionId session, StreamId stream) {
        List<Peer> peers = store.peers(stream);
        if (find(peers, session).isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                    "session " + session + " has not joined " + stream);
        }
        return peers.stream().map(Peer::session).filter(s -> !s.equals(session)).findFirst()
                .orElseThrow(() -> new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                        "stream " + stream + " has no other peer yet"));
    }

    public Left leave(SessionId session, StreamId stream) {
        return store.locked(stream, () -> leaveLocked(session, stream));
    }

    private Left leaveLocked(SessionId session, StreamId stream) {
        List<Peer> peers = store.peers(stream);
        if (find(peers, session).isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                    "session " + session + " has not joined " + stream);
        }
        List<Peer> remaining = peers.stream().filter(p -> !p.session().equals(session)).toList();
        store.put(stream, remaining);
        store.joinedBySession().remove(session, stream);
        return new Left(stream, remaining.stream().map(Peer::session).findFirst(), store.nextVersion());
    }

    /** Leaves every stream {@code session} joined, as when its socket closes. */
    public List<Left> release(SessionId session) {
        List<Left> left = new ArrayList<>();
        for (StreamId stream : store.joinedBySession().heldBy(session)) {
            try {
                left.add(leave(session, stream));
            } catch (SignalingException e) {
                // left meanwhile
            }
        }
        return left;
    }

    /** The sessions that have joined a P2P stream. */
    public List<SessionId> sessions() {
        return store.joinedBySession().sessions();
    }

    /** The peers of {@code stream}, in join order. */
    public List<Peer> peers(StreamId stream) {
        return store.peers(stream);
    }

    /** How many P2P streams have at least one peer. */
    public int streamCount() {
        return store.streamCount();
    }

    /** How many P2P streams have both peers joined. */
    public long pairCount() {
        return store.pairCount();
    }

    /** How many sessions have joined at least one P2P stream. */
    public int sessionCount() {
        return store.joinedBySession().sessionCount();
    }

    private static Optional<Peer> find(List<Peer> peers, SessionId session) {
        return peers.stream().filter(p -> p.session().equals(session)).findFirst();
    }
}
