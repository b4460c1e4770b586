package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ServerMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open WebSocket sessions of this node, by id; the one place that sends to a client. */
@ApplicationScoped
public class SessionDirectory {
    private static final System.Logger LOG = System.getLogger(SessionDirectory.class.getName());

    private final Map<SessionId, Session> sessions = new ConcurrentHashMap<>();

    public static SessionId idOf(Session session) {
        return new SessionId(session.getId());
    }

    public SessionId register(Session session) {
        SessionId id = idOf(session);
        sessions.put(id, session);
        return id;
    }

    public void unregister(SessionId id) {
        sessions.remove(id);
    }

    public int size() {
        return sessions.size();
    }

    /**
     * Sends one message; a session that has gone meanwhile is skipped, as its close handler
     * releases what it held. Sends to one session are serialized, as a WebSocket requires.
     */
    public void send(SessionId to, ServerMessage message) {
        Session session = sessions.get(to);
        if (session == null || !session.isOpen()) {
            LOG.log(Level.DEBUG, "dropped a message for closed session {0}", to);
            return;
        }
        try {
            synchronized (session) {
                session.getBasicRemote().sendObject(message);
            }
        } catch (IOException | EncodeException | IllegalStateException e) {
            LOG.log(Level.INFO, "could not send to session " + to + ": " + e);
        }
    }
}
