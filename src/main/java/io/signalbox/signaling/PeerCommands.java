package io.signalbox.signaling;

import io.signalbox.peer.PeerMode;
import io.signalbox.peer.PeerService;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage.Join;
import io.signalbox.signaling.message.ClientMessage.Leave;
import io.signalbox.signaling.message.Notice;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.Signal;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Turns {@code join} and {@code leave} into {@link PeerService} calls and its results into messages (section 5). */
@ApplicationScoped
public class PeerCommands {
    @Inject
    PeerService peers;

    @Inject
    TokenVerifier tokens;

    @Inject
    RelayRoutes routes;

    @Inject
    SessionDirectory directory;

    void join(SessionId from, Join message) {
        StreamId stream = new StreamId(message.streamId());
        tokens.check(from, Action.JOIN, stream, message.token());
        PeerService.Joined joined = peers.join(from, stream, PeerMode.of(message.mode()));
        routes.joined(from, joined);
        directory.send(from, Notification.of(Notice.JOINED, stream.value()));
        joined.partner().ifPresent(first -> directory.send(first, Signal.start(stream.value(), null)));
    }

    void leave(SessionId from, Leave message) {
        StreamId stream = new StreamId(message.streamId());
        PeerService.Left left = peers.leave(from, stream);
        routes.left(from, left);
        directory.send(from, Notification.of(Notice.LEAVED, stream.value()));
        tellRemaining(left);
    }

    /** Tells the other peer of every stream {@code session} held that it is gone. */
    void release(SessionId session) {
        List<PeerService.Left> left = peers.release(session);
        left.forEach(l -> routes.left(session, l));
        left.forEach(this::tellRemaining);
    }

    private void tellRemaining(PeerService.Left left) {
        left.remaining().ifPresent(other -> directory.send(other, Signal.stop(left.stream().value(), null)));
    }
}
