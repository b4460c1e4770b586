package io.signalbox.signaling;

import io.signalbox.media.Leg;
import io.signalbox.peer.PeerService;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessage.PeerMessage;
import io.signalbox.signaling.message.ClientMessage.ReportError;
import io.signalbox.signaling.message.ClientMessage.TakeCandidate;
import io.signalbox.signaling.message.ClientMessage.TakeConfiguration;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamMedia;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;

/**
 * Relays offers, answers, candidates and reported description failures to the other side of a
 * connection: between a publisher and one viewer (tagged with the viewer's subscriberId on the
 * publisher's side), or else between the two peers of a P2P stream. The sender's own routes
 * say where, with no lock and no shared map; only when they do not know does the shared state
 * decide, and answer no_peer_associated_before when there is nobody.
 */
@ApplicationScoped
public class RelayCommands {

    @Inject
    StreamService streams;

    @Inject
    StreamMedia streamMedia;

    @Inject
    PeerService peers;

    @Inject
    SessionDirectory directory;

    @Inject
    SignalingMetrics metrics;

    void takeConfiguration(SessionId from, TakeConfiguration message) {
        StreamId stream = new StreamId(message.streamId());
        Optional<Leg> leg = streamMedia.carried(from, stream);
        if (leg.isPresent()) {
            if (message.type().equals("offer")) {
                String answer = streamMedia.offer(from, leg.get(), message.sdp());
                directory.send(from, ServerMessage.Configuration.relay(stream.value(), "answer", answer, null));
            } else {
                streamMedia.answer(from, leg.get(), message.sdp());
            }
            return;
        }
        relay(from, stream, message.subscriberId(),
                tag -> ServerMessage.Configuration.relay(stream.value(), message.type(), message.sdp(), tag));
    }

    void takeCandidate(SessionId from, TakeCandidate message) {
        StreamId stream = new StreamId(message.streamId());
        Optional<Leg> leg = streamMedia.carried(from, stream);
        if (leg.isPresent()) {
            streamMedia.candidate(from, leg.get(), message.id(), message.label(), message.candidate());
            return;
        }
        relay(from, stream, message.subscriberId(), tag -> ServerMessage.Candidate.relay(stream.value(),
                message.label(), message.id(), message.candidate(), tag));
    }

    void reportError(SessionId from, ReportError message) {
        StreamId stream = new StreamId(message.streamId());
        relay(from, stream, message.subscriberId(), tag -> ServerMessage.Error.of(message.reported(), stream.value(), null));
    }

    /** An application's message to the other side, where offers would go: the P2P peer, or between a publisher and one viewer. */
    void peerMessage(SessionId from, PeerMessage message) {
        StreamId stream = new StreamId(message.streamId());
        relay(from, stream, message.subscriberId(),
                tag -> ServerMessage.PeerMessage.relay(stream.value(), message.definition(), message.data(), tag));
    }

    private void relay(SessionId from, StreamId stream, String subscriberId, Function<String, ServerMessage> taggedWith) {
        long start = System.nanoTime();
        String named = ClientMessage.absentIfEmpty(subscriberId);
        if (!directory.relay(from, stream.value(), named, taggedWith)) {
            Optional<StreamService.Route> route = streams.route(from, stream, named);
            if (route.isPresent()) {
                directory.send(route.get().to(), taggedWith.apply(route.get().subscriberId()));
            } else {
                directory.send(peers.otherPeer(from, stream), taggedWith.apply(null));
            }
        }
        metrics.relayed(start);
    }
}
