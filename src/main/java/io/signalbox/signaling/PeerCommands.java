package io.signalbox.signaling;

import io.signalbox.peer.PeerMode;
import io.signalbox.peer.PeerService;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage.Join;
import io.signalbox.signaling.message.ClientMessage.Leave;
import io.signalbox.signaling.message.Event;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.Signal;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamRegistry;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns {@code join} and {@code leave} into {@link PeerService} calls and its results into messages (section 5). */
@ApplicationScoped
public class PeerCommands {
    @Inject
    PeerService peers;

    @Inject
    StreamRegistry registry;

    @Inject
    TokenVerifier tokens;

    @Inject
    SessionDirectory directory;

    void join(SessionId from, Join message) {
        StreamId stream = new StreamId(message.streamId());
        tokens.check(from, Action.JOIN, "streamId", stream.value(), message.token());
        registry.requireAllowed(stream);
        PeerService.Joined joined = peers.join(from, stream, PeerMode.of(message.mode()));
        directory.send(from, Notification.of(Event.JOINED, stream.value()));
        joined.startOffer().ifPresent(first -> directory.send(first, Signal.start(stream.value(), null)));
    }

    void leave(SessionId from, Leave message) {
        StreamId stream = new StreamId(message.streamId());
        PeerService.Left left = peers.leave(from, stream);
        directory.send(from, Notification.of(Event.LEAVED, stream.value()));
        left.remaining().ifPresent(other -> directory.send(other, Signal.stop(stream.value(), null)));
    }

    /** Tells the other peer of every stream {@code session} held that it is gone. */
    void release(SessionId session) {
        peers.release(session).forEach(left -> left.remaining()
                .ifPresent(other -> directory.send(other, Signal.stop(left.stream().value(), null))));
    }
}
