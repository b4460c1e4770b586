package io.signalbox.signaling;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.peer.PeerMode;
import io.signalbox.peer.PeerService;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage.Join;
import io.signalbox.signaling.message.ClientMessage.Leave;
import io.signalbox.signaling.message.ClientMessage.ReportError;
import io.signalbox.signaling.message.ClientMessage.TakeCandidate;
import io.signalbox.signaling.message.ClientMessage.TakeConfiguration;
import io.signalbox.signaling.message.Event;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.Signal;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** Turns the P2P commands into {@link PeerService} calls and its results into messages (section 5). */
@ApplicationScoped
public class PeerCommands {
    private static final Set<String> SDP_TYPES = Set.of("offer", "answer");
    private static final Set<ErrorDefinition> REPORTABLE =
            Set.of(ErrorDefinition.NOT_SET_LOCAL_DESCRIPTION, ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION);

    @Inject
    PeerService peers;

    @Inject
    SessionDirectory directory;

    void join(SessionId from, Join message) {
        StreamId stream = new StreamId(message.streamId());
        PeerService.Joined joined = peers.join(from, stream, PeerMode.of(message.mode()));
        directory.send(from, Notification.of(Event.JOINED, stream.value()));
        joined.startOffer().ifPresent(first -> directory.send(first, Signal.start(stream.value())));
    }

    void leave(SessionId from, Leave message) {
        StreamId stream = new StreamId(message.streamId());
        PeerService.Left left = peers.leave(from, stream);
        directory.send(from, Notification.of(Event.LEAVED, stream.value()));
        left.remaining().ifPresent(other -> directory.send(other, Signal.stop(stream.value())));
    }

    void takeConfiguration(SessionId from, TakeConfiguration message) {
        StreamId stream = new StreamId(message.streamId());
        if (message.type() == null || !SDP_TYPES.contains(message.type()) || message.sdp() == null) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "takeConfiguration needs type offer|answer and sdp");
        }
        relay(from, stream, ServerMessage.Configuration.relay(stream.value(), message.type(), message.sdp(), null));
    }

    void takeCandidate(SessionId from, TakeCandidate message) {
        StreamId stream = new StreamId(message.streamId());
        if (message.label() == null || message.candidate() == null) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "takeCandidate needs label and candidate");
        }
        relay(from, stream, ServerMessage.Candidate.relay(stream.value(), message.label(), message.id(),
                message.candidate(), null));
    }

    void reportError(SessionId from, ReportError message) {
        StreamId stream = new StreamId(message.streamId());
        ErrorDefinition reported = ErrorDefinition.byWireName(message.definition())
                .filter(REPORTABLE::contains)
                .orElseThrow(() -> new SignalingException(ErrorDefinition.INVALID_MESSAGE,
                        "reportError definition must be notSetLocalDescription or notSetRemoteDescription"));
        relay(from, stream, ServerMessage.Error.of(reported, stream.value(), null));
    }

    /** Tells the other peer of every stream {@code session} held that it is gone. */
    void release(SessionId session) {
        peers.release(session).forEach(left -> left.remaining()
                .ifPresent(other -> directory.send(other, Signal.stop(left.stream().value()))));
    }

    private void relay(SessionId from, StreamId stream, ServerMessage message) {
        directory.send(peers.otherPeer(from, stream), message);
    }
}
