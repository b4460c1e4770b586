package io.signalbox.signaling;

import io.signalbox.cluster.SharedState;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.peer.PeerService;
import io.signalbox.room.RoomService;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessage.ForceStreamQuality;
import io.signalbox.signaling.message.ClientMessage.GetRoomInfo;
import io.signalbox.signaling.message.ClientMessage.GetStreamInfo;
import io.signalbox.signaling.message.ClientMessage.Invalid;
import io.signalbox.signaling.message.ClientMessage.JoinRoom;
import io.signalbox.signaling.message.ClientMessage.LeaveFromRoom;
import io.signalbox.signaling.message.ClientMessage.Join;
import io.signalbox.signaling.message.ClientMessage.Leave;
import io.signalbox.signaling.message.ClientMessage.Ping;
import io.signalbox.signaling.message.ClientMessage.Play;
import io.signalbox.signaling.message.ClientMessage.Publish;
import io.signalbox.signaling.message.ClientMessage.Stop;
import io.signalbox.signaling.message.ClientMessage.ReportError;
import io.signalbox.signaling.message.ClientMessage.TakeCandidate;
import io.signalbox.signaling.message.ClientMessage.TakeConfiguration;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Routes each decoded message to the feature that handles it, one line a kind, and turns any
 * failure into the error payload for the sender, whose session always carries on.
 */
@ApplicationScoped
public class Dispatcher implements ClientMessage.Handler {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    @Inject
    SessionDirectory directory;

    @Inject
    PeerCommands peerCommands;

    @Inject
    StreamCommands streamCommands;

    @Inject
    RelayCommands relayCommands;

    @Inject
    RoomCommands roomCommands;

    @Inject
    SignalingMetrics metrics;

    @Inject
    SharedState state;

    @Inject
    PeerService peers;

    @Inject
    StreamService streams;

    @Inject
    RoomService rooms;

    public void dispatch(SessionId from, ClientMessage message) {
        metrics.received(message);
        try {
            message.accept(this, from);
        } catch (SignalingException e) {
            LOG.log(Level.DEBUG, "session {0}: {1}", from, e.getMessage());
            directory.send(from, ServerMessage.Error.of(e.definition(), message.streamId(), message.room()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "session " + from + ": failed to handle " + message.getClass().getSimpleName(), e);
            directory.send(from, ServerMessage.Error.of(ErrorDefinition.SERVER_ERROR, message.streamId(), message.room()));
        }
    }

    /** Releases everything a closed session held, telling the peers concerned. */
    public void closed(SessionId session) {
        peerCommands.release(session);
        streamCommands.release(session);
        roomCommands.release(session);
    }

    /** Watches for other nodes leaving the cluster; a no-op on a single node. */
    void watchOtherNodes(@Observes @Initialized(ApplicationScoped.class) Object started) {
        state.onNodeLeft(this::nodeLeft);
    }

    /**
     * Releases, as if their sockets had closed, the sessions of a node that left the cluster
     * without doing so itself (it died or was cut off). Every remaining node may run this for
     * the same node: whoever comes second finds nothing held.
     */
    void nodeLeft(String node) {
        Set<SessionId> orphans = new LinkedHashSet<>();
        for (List<SessionId> held : List.of(peers.sessions(), streams.sessions(), rooms.sessions())) {
            held.stream().filter(s -> s.node().filter(node::equals).isPresent()).forEach(orphans::add);
        }
        LOG.log(Level.INFO, "releasing {0} sessions of node {1}", orphans.size(), node);
        orphans.forEach(this::closed);
    }

    @Override
    public void ping(SessionId from, Ping message) {
        directory.send(from, ServerMessage.Signal.pong());
    }

    @Override
    public void join(SessionId from, Join message) {
        peerCommands.join(from, message);
    }

    @Override
    public void leave(SessionId from, Leave message) {
        peerCommands.leave(from, message);
    }

    @Override
    public void takeConfiguration(SessionId from, TakeConfiguration message) {
        relayCommands.takeConfiguration(from, message);
    }

    @Override
    public void takeCandidate(SessionId from, TakeCandidate message) {
        relayCommands.takeCandidate(from, message);
    }

    @Override
    public void reportError(SessionId from, ReportError message) {
        relayCommands.reportError(from, message);
    }

    @Override
    public void publish(SessionId from, Publish message) {
        streamCommands.publish(from, message);
    }

    @Override
    public void play(SessionId from, Play message) {
        streamCommands.play(from, message);
    }

    @Override
    public void stop(SessionId from, Stop message) {
        streamCommands.stop(from, message);
    }

    @Override
    public void joinRoom(SessionId from, JoinRoom message) {
        roomCommands.joinRoom(from, message);
    }

    @Override
    public void leaveFromRoom(SessionId from, LeaveFromRoom message) {
        roomCommands.leaveFromRoom(from, message);
    }

    @Override
    public void getRoomInfo(SessionId from, GetRoomInfo message) {
        roomCommands.getRoomInfo(from, message);
    }

    @Override
    public void getStreamInfo(SessionId from, GetStreamInfo message) {
        streamCommands.getStreamInfo(from, message);
    }

    @Override
    public void forceStreamQuality(SessionId from, ForceStreamQuality message) {
        streamCommands.forceStreamQuality(from, message);
    }

    @Override
    public void invalid(SessionId from, Invalid message) {
        throw new SignalingException(message.definition(), message.detail());
    }
}
