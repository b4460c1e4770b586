package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessageDecoder;
import io.signalbox.signaling.message.ServerMessageEncoder;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.System.Logger.Level;

/** The WebSocket boundary at {@code /websocket}: decodes, hands over to the dispatcher, and cleans up. */
@Dependent
@ServerEndpoint(value = "/websocket", decoders = ClientMessageDecoder.class, encoders = ServerMessageEncoder.class)
public class SignalingEndpoint {
    private static final System.Logger LOG = System.getLogger(SignalingEndpoint.class.getName());

    @Inject
    SessionDirectory directory;

    @Inject
    Dispatcher dispatcher;

    @OnOpen
    public void open(Session session) {
        directory.register(session);
    }

    @OnMessage
    public void message(ClientMessage message, Session session) {
        dispatcher.dispatch(SessionDirectory.idOf(session), message);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        SessionId id = SessionDirectory.idOf(session);
        try {
            dispatcher.closed(id);
        } finally {
            directory.unregister(id);
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.DEBUG, "session " + session.getId() + " failed: " + failure);
    }
}
