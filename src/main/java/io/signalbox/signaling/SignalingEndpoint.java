package io.signalbox.signaling;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.security.SessionTokens;
import io.signalbox.security.UpgradeToken;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessageParser;
import jakarta.enterprise.inject.spi.CDI;
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
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The WebSocket boundary at {@code /websocket}: decodes, hands over to the dispatcher, and cleans up.
 * One per connection, made by {@link HandshakeConfigurator#getEndpointInstance} with the
 * application's services, looked up once.
 */
@ServerEndpoint(value = "/websocket", configurator = HandshakeConfigurator.class)
public class SignalingEndpoint {
    private static final System.Logger LOG = System.getLogger(SignalingEndpoint.class.getName());

    /** The application-scoped services every connection's endpoint uses (client proxies, valid for the application's life). */
    record Services(SessionDirectory directory, Drain drain, Dispatcher dispatcher, SessionReleaser releaser,
            LimitsConfig limits, SessionTokens sessionTokens) {

        static Services lookUp() {
            CDI<Object> cdi = CDI.current();
            return new Services(cdi.select(SessionDirectory.class).get(), cdi.select(Drain.class).get(),
                    cdi.select(Dispatcher.class).get(), cdi.select(SessionReleaser.class).get(),
                    cdi.select(LimitsConfig.class).get(), cdi.select(SessionTokens.class).get());
        }
    }

    private final SessionDirectory directory;
    private final Drain drain;
    private final Dispatcher dispatcher;
    private final SessionReleaser releaser;
    private final LimitsConfig limits;
    private final SessionTokens sessionTokens;

    /** What the WebSocket specification asks an annotated endpoint to have; the configurator uses the other. */
    public SignalingEndpoint() {
        this(Services.lookUp());
    }

    SignalingEndpoint(Services services) {
        directory = services.directory();
        drain = services.drain();
        dispatcher = services.dispatcher();
        releaser = services.releaser();
        limits = services.limits();
        sessionTokens = services.sessionTokens();
    }

    /** This connection's id, decoder and message budget. */
    private SessionId id;
    private final LastHeard heard = new LastHeard();
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
        // None from the container: IdleSessions closes silent sessions (see there why).
        session.setMaxIdleTimeout(0);
        // Frames over the limit are answered with message_too_large; far larger ones the container cuts off.
        session.setMaxTextMessageBufferSize(Math.max(limits.maxFrameBytes() * 4, 4096));
        parser = new ClientMessageParser(limits.maxFrameBytes());
        rate = Bucket.builder().addLimit(Bandwidth.builder().capacity(limits.burstMessages())
                .refillGreedy(limits.messagesPerSecond(), Duration.ofSeconds(1)).build()).build();
        id = directory.register(session, heard);
        sessionTokens.connected(id, (String) session.getUserProperties().get(UpgradeToken.PROPERTY));
        drain.admitted(id);
    }

    /**
     * Decoded here rather than by a declared {@code Decoder}: Liberty looks a declared decoder's
     * type up by reflection on every frame, a tenth of the Java time when relaying.
     */
    @OnMessage
    public void message(String frame, Session session) {
        if (!admitted(frame)) {
            return;
        }
        ClientMessage message = parser.parse(frame);
        dispatcher.dispatch(id, message);
        if (message instanceof ClientMessage.Invalid invalid && invalid.definition() == ErrorDefinition.MESSAGE_TOO_LARGE) {
            // After its message_too_large is written: closing now could overtake the frame.
            directory.close(id, new CloseReason(CloseCodes.TOO_BIG, ErrorDefinition.MESSAGE_TOO_LARGE.wireName()));
        }
    }

    /**
     * A binary frame: the protocol is JSON text, so it is invalid_message on the same live session,
     * as any malformed frame is, on every server (Payara's Tyrus dropped binary frames unanswered
     * where no binary handler was declared).
     */
    @OnMessage
    public void binary(ByteBuffer frame, Session session) {
        if (admitted(null)) {
            dispatcher.dispatch(id, new ClientMessage.Invalid(ErrorDefinition.INVALID_MESSAGE, null, null,
                    "a binary frame of " + frame.remaining() + " bytes"));
        }
    }

    /**
     * Whether a frame is served: not on a session refused in open(), nor over the rate, where one
     * rate_limited answers the burst, naming what it can of the first frame dropped ({@code text};
     * null for a binary frame, which names nothing), as answering every dropped frame would echo the
     * flood back. Nothing is allocated for a frame that is served: this is on the relay's path.
     */
    private boolean admitted(String text) {
        if (rate == null) {
            return false;
        }
        heard.now();
        if (!rate.tryConsume(1)) {
            if (!warnedOfRate) {
                warnedOfRate = true;
                ClientMessage first = text == null ? null : parser.parse(text);
                dispatcher.dispatch(id, new ClientMessage.Invalid(ErrorDefinition.RATE_LIMITED,
                        first == null ? null : first.streamId(), first == null ? null : first.room(),
                        "over " + limits.messagesPerSecond() + " messages per second"));
            }
            return false;
        }
        warnedOfRate = false;
        return true;
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
