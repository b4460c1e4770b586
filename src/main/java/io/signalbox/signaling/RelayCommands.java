package io.signalbox.signaling;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.peer.PeerService;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessage.ReportError;
import io.signalbox.signaling.message.ClientMessage.TakeCandidate;
import io.signalbox.signaling.message.ClientMessage.TakeConfiguration;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Relays offers, answers, candidates and reported description failures to the other side of a
 * connection: between a publisher and one viewer (tagged with the viewer's subscriberId on the
 * publisher's side), or else between the two peers of a P2P stream.
 */
@ApplicationScoped
public class RelayCommands {
    private static final Set<String> SDP_TYPES = Set.of("offer", "answer");
    private static final Set<ErrorDefinition> REPORTABLE =
            Set.of(ErrorDefinition.NOT_SET_LOCAL_DESCRIPTION, ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION);

    @Inject
    StreamService streams;

    @Inject
    PeerService peers;

    @Inject
    SessionDirectory directory;

    @Inject
    SignalingMetrics metrics;

    void takeConfiguration(SessionId from, TakeConfiguration message) {
        StreamId stream = new StreamId(message.streamId());
        if (message.type() == null || !SDP_TYPES.contains(message.type()) || message.sdp() == null) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "takeConfiguration needs type offer|answer and sdp");
        }
        relay(from, stream, message.subscriberId(),
                tag -> ServerMessage.Configuration.relay(stream.value(), message.type(), message.sdp(), tag));
    }

    void takeCandidate(SessionId from, TakeCandidate message) {
        StreamId stream = new StreamId(message.streamId());
        if (message.label() == null || message.candidate() == null) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "takeCandidate needs label and candidate");
        }
        relay(from, stream, message.subscriberId(), tag -> ServerMessage.Candidate.relay(stream.value(),
                message.label(), message.id(), message.candidate(), tag));
    }

    void reportError(SessionId from, ReportError message) {
        StreamId stream = new StreamId(message.streamId());
        ErrorDefinition reported = ErrorDefinition.byWireName(message.definition())
                .filter(REPORTABLE::contains)
                .orElseThrow(() -> new SignalingException(ErrorDefinition.INVALID_MESSAGE,
                        "reportError definition must be notSetLocalDescription or notSetRemoteDescription"));
        relay(from, stream, message.subscriberId(), tag -> ServerMessage.Error.of(reported, stream.value(), null));
    }

    private void relay(SessionId from, StreamId stream, String subscriberId,
            Function<String, ServerMessage> taggedWith) {
        long start = System.nanoTime();
        Optional<StreamService.Route> route = streams.route(from, stream, ClientMessage.absentIfEmpty(subscriberId));
        if (route.isPresent()) {
            directory.send(route.get().to(), taggedWith.apply(route.get().subscriberId()));
        } else {
            directory.send(peers.otherPeer(from, stream), taggedWith.apply(null));
        }
        metrics.relayed(start);
    }
}
