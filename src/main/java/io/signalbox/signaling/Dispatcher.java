package io.signalbox.signaling;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.ice.IceServers;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage.ForceStreamQuality;
import io.signalbox.signaling.message.ClientMessage.GetIceServerConfig;
import io.signalbox.signaling.message.ClientMessage.GetRoomInfo;
import io.signalbox.signaling.message.ClientMessage.GetStreamInfo;
import io.signalbox.signaling.message.ClientMessage.GetSubscriberCount;
import io.signalbox.signaling.message.ClientMessage.Invalid;
import io.signalbox.signaling.message.ClientMessage.Join;
import io.signalbox.signaling.message.ClientMessage.JoinRoom;
import io.signalbox.signaling.message.ClientMessage.Leave;
import io.signalbox.signaling.message.ClientMessage.LeaveFromRoom;
import io.signalbox.signaling.message.ClientMessage.PeerMessage;
import io.signalbox.signaling.message.ClientMessage.Ping;
import io.signalbox.signaling.message.ClientMessage.Play;
import io.signalbox.signaling.message.ClientMessage.Publish;
import io.signalbox.signaling.message.ClientMessage.PushNotification;
import io.signalbox.signaling.message.ClientMessage.ReportError;
import io.signalbox.signaling.message.ClientMessage.Stop;
import io.signalbox.signaling.message.ClientMessage.TakeCandidate;
import io.signalbox.signaling.message.ClientMessage.TakeConfiguration;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.Multitrack;
import io.signalbox.signaling.message.MessageHandler;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.stream.StreamService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * Routes each decoded message to the feature that handles it, one line a kind, and turns any
 * failure into the error payload for the sender, whose session always carries on. Under the
 * media server a session's messages are handled on its lane ({@link SessionDirectory#inLane}),
 * in the order they came, so a command that waits for the media server never holds the socket's
 * thread; under mesh nothing waits, and they are handled where they arrive.
 */
@ApplicationScoped
public class Dispatcher implements MessageHandler {
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
    ConferenceCommands conferenceCommands;

    @Inject
    StreamDetailsCommands streamDetails;

    @Inject
    SignalingMetrics metrics;

    @Inject
    IceServers iceServers;

    @Inject
    StreamService streams;

    /** Whether commands run on their session's lane: the backend is settled at start, so asked once, not per frame. */
    private boolean inLanes;

    @PostConstruct
    void settleLanes() {
        inLanes = streams.forwardsMedia();
    }

    public void dispatch(SessionId from, ClientMessage message) {
        metrics.received(message);
        if (inLanes && !(message instanceof Invalid)) {
            directory.inLane(from, () -> handle(from, message));
        } else {
            handle(from, message);
        }
    }

    private void handle(SessionId from, ClientMessage message) {
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

    @Override
    public void ping(SessionId from, Ping message) {
        directory.send(from, ServerMessage.Signal.pong());
    }

    /** The STUN and TURN servers for this session, TURN credentials made for it (section 4a). */
    @Override
    public void getIceServerConfig(SessionId from, GetIceServerConfig message) {
        directory.send(from, ServerMessage.IceServerConfig.of(iceServers.forUser(from.value())));
    }

    @Override
    public void peerMessage(SessionId from, PeerMessage message) {
        relayCommands.peerMessage(from, message);
    }

    @Override
    public void pushNotification(SessionId from, PushNotification message) {
        throw new SignalingException(ErrorDefinition.PUSH_NOTIFICATIONS_NOT_CONFIGURED, "no push provider");
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
    public void getSubscriberCount(SessionId from, GetSubscriberCount message) {
        streamCommands.getSubscriberCount(from, message);
    }

    @Override
    public void forceStreamQuality(SessionId from, ForceStreamQuality message) {
        streamCommands.forceStreamQuality(from, message);
    }

    @Override
    public void getTrackList(SessionId from, Multitrack.GetTrackList message) {
        conferenceCommands.getTrackList(from, message);
    }

    @Override
    public void getSubtracks(SessionId from, Multitrack.GetSubtracks message) {
        conferenceCommands.getSubtracks(from, message);
    }

    @Override
    public void getSubtracksCount(SessionId from, Multitrack.GetSubtracksCount message) {
        conferenceCommands.getSubtracksCount(from, message);
    }

    @Override
    public void enableTrack(SessionId from, Multitrack.EnableTrack message) {
        conferenceCommands.enableTrack(from, message);
    }

    @Override
    public void setMaxVideoTrackCount(SessionId from, Multitrack.SetMaxVideoTrackCount message) {
        conferenceCommands.setMaxVideoTrackCount(from, message);
    }

    @Override
    public void getVideoTrackAssignments(SessionId from, Multitrack.GetVideoTrackAssignments message) {
        conferenceCommands.getVideoTrackAssignments(from, message);
    }

    @Override
    public void assignVideoTrack(SessionId from, Multitrack.AssignVideoTrack message) {
        conferenceCommands.assignVideoTrack(from, message);
    }

    @Override
    public void updateVideoTrackAssignments(SessionId from, Multitrack.UpdateVideoTrackAssignments message) {
        conferenceCommands.updateVideoTrackAssignments(from, message);
    }

    @Override
    public void toggle(SessionId from, ClientMessage.Toggle message) {
        streamDetails.toggle(from, message);
    }

    @Override
    public void getBroadcastObject(SessionId from, ClientMessage.GetBroadcastObject message) {
        streamDetails.getBroadcastObject(from, message);
    }

    @Override
    public void getSubscribers(SessionId from, ClientMessage.GetSubscribers message) {
        streamDetails.getSubscribers(from, message);
    }

    @Override
    public void updateStreamMetaData(SessionId from, ClientMessage.UpdateStreamMetaData message) {
        streamDetails.updateStreamMetaData(from, message);
    }

    @Override
    public void getDebugInfo(SessionId from, ClientMessage.GetDebugInfo message) {
        streamDetails.getDebugInfo(from, message);
    }

    @Override
    public void invalid(SessionId from, Invalid message) {
        throw new SignalingException(message.definition(), message.detail());
    }
}
