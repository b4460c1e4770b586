package io.signalbox.signaling;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.security.SessionTokens;
import io.signalbox.security.UpgradeToken;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessageParser;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** The WebSocket boundary at {@code /websocket}: decodes, hands over to the dispatcher, and cleans up. */
@Dependent
@ServerEndpoint(value = "/websocket", configurator = HandshakeConfigurator.class)
public class SignalingEndpoint {
    private static final System.Logger LOG = System.getLogger(SignalingEndpoint.class.getName());

    @Inject
    SessionDirectory directory;

    @Inject
    Drain drain;

    @Inject
    Dispatcher dispatcher;

    @Inject
    SessionReleaser releaser;

    @Inject
    LimitsConfig limits;

    @Inject
    SessionTokens sessionTokens;

    /** This connection's id, decoder and message budget; the container makes one endpoint per connection. */
    private SessionId id;
    private ClientMessageParser parser;
    private Bucket rate;
    private boolean warnedOfRate;

    @OnOpen
    public void open(Session session) throws IOException {
        if (drain.draining()) {
            session.close(new CloseReason(CloseCodes.TRY_AGAIN_LATER, "server is draining"));
            return;
        }
        if (directory.size() >= limits.maxSessions()) {
            LOG.log(Level.WARNING, "refused a session: " + limits.maxSessions() + " are open");
            session.close(new CloseReason(CloseCodes.TRY_AGAIN_LATER, "server full"));
            return;
        }
        session.setMaxIdleTimeout(limits.idleTimeoutMillis());
        // Frames over the limit are answered with message_too_large; far larger ones the container cuts off.
        session.setMaxTextMessageBufferSize(Math.max(limits.maxFrameBytes() * 4, 4096));
        parser = new ClientMessageParser(limits.maxFrameBytes());
        rate = Bucket.builder().addLimit(Bandwidth.builder().capacity(limits.burstMessages())
                .refillGreedy(limits.messagesPerSecond(), Duration.ofSeconds(1)).build()).build();
        id = directory.register(session);
        sessionTokens.connected(id, (String) session.getUserProperties().get(UpgradeToken.PROPERTY));
        drain.admitted(id);
    }

    /**
     * Decoded here rather than by a declared {@code Decoder}: Liberty looks a declared decoder's
     * type up by reflection on every frame, a tenth of the Java time when relaying.
     */
    @OnMessage
    public void message(String frame, Session session) {
        if (rate == null) {
            return; // refused in open() and closing: it is not served
        }
        if (!rate.tryConsume(1)) {
            // One rate_limited per burst: answering every dropped frame would echo the flood back.
            if (!warnedOfRate) {
                warnedOfRate = true;
                ClientMessage dropped = parser.parse(frame);
                dispatcher.dispatch(id, new ClientMessage.Invalid(ErrorDefinition.RATE_LIMITED, dropped.streamId(),
                        dropped.room(), "over " + limits.messagesPerSecond() + " messages per second"));
            }
            return;
        }
        warnedOfRate = false;
        ClientMessage message = parser.parse(frame);
        dispatcher.dispatch(id, message);
        if (message instanceof ClientMessage.Invalid invalid && invalid.definition() == ErrorDefinition.MESSAGE_TOO_LARGE) {
            // After its message_too_large is written: closing now could overtake the frame.
            directory.close(id, new CloseReason(CloseCodes.TOO_BIG, ErrorDefinition.MESSAGE_TOO_LARGE.wireName()));
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (id == null) {
            return; // refused in open(): it held nothing
        }
        releaser.closed(id);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.DEBUG, "session " + session.getId() + " failed: " + failure);
    }
}
