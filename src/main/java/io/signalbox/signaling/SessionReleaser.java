package io.signalbox.signaling;

import io.signalbox.cluster.Nodes;
import io.signalbox.peer.PeerService;
import io.signalbox.room.RoomService;
import io.signalbox.security.SessionTokens;
import io.signalbox.session.SessionId;
import io.signalbox.conference.ConferenceService;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Releases everything a session held, telling the peers concerned (stop, streamLeaved): when
 * its socket closes on this node, and when another node leaves the cluster without releasing
 * its own sessions (it died or was cut off).
 */
@ApplicationScoped
public class SessionReleaser {
    private static final System.Logger LOG = System.getLogger(SessionReleaser.class.getName());

    @Inject
    PeerCommands peerCommands;

    @Inject
    StreamCommands streamCommands;

    @Inject
    RoomCommands roomCommands;

    @Inject
    PeerService peers;

    @Inject
    StreamService streams;

    @Inject
    RoomService rooms;

    @Inject
    ConferenceService conferences;

    @Inject
    SessionTokens sessionTokens;

    @Inject
    SessionDirectory directory;

    @Inject
    Nodes nodes;

    /** Watches for other nodes leaving the cluster; a no-op on a single node. */
    void watchOtherNodes(@Observes @Initialized(ApplicationScoped.class) Object started) {
        nodes.onNodeLeft(this::nodeLeft);
    }

    /**
     * Releases a session whose socket closed, on its lane, after what it asked for before (a
     * publish still waiting for the media server is released, not left behind), and so off the
     * container's close thread: telling the peers sends to their sockets, and two peers closing at
     * once each held their own connection while writing to the other's, which deadlocked in
     * Liberty (seen in thread dumps).
     */
    public void closed(SessionId session) {
        try {
            directory.inLane(session, () -> {
                try {
                    release(session);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "releasing session " + session + " failed", e);
                } finally {
                    forget(session);
                }
            });
        } catch (RejectedExecutionException e) {
            // The application is stopping and its sockets close with it: what they held goes with
            // this node, and other nodes release it when this one leaves their cluster.
            LOG.log(Level.DEBUG, "session {0} closed while the application stops", session);
            forget(session);
        }
    }

    private void forget(SessionId session) {
        sessionTokens.closed(session);
        directory.unregister(session);
    }

    /**
     * Releases, as if their sockets had closed, the sessions of a node that left. Every remaining
     * node may run this for the same node: whoever comes second finds nothing held.
     */
    void nodeLeft(String node) {
        Set<SessionId> orphans = new LinkedHashSet<>();
        for (List<SessionId> held : List.of(peers.sessions(), streams.sessions(), rooms.sessions(), conferences.sessions())) {
            held.stream().filter(s -> s.node().filter(node::equals).isPresent()).forEach(orphans::add);
        }
        LOG.log(Level.INFO, "releasing {0} sessions of node {1}", orphans.size(), node);
        orphans.forEach(this::release);
    }

    private void release(SessionId session) {
        peerCommands.release(session);
        streamCommands.release(session);
        roomCommands.release(session);
    }
}
