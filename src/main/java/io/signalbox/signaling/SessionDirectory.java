package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ServerMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/** The open WebSocket sessions of this node, by id; the one place that sends to a client. */
@ApplicationScoped
public class SessionDirectory {
    private static final System.Logger LOG = System.getLogger(SessionDirectory.class.getName());
    static final long SEND_TIMEOUT_SECONDS = 5;

    /**
     * An open session and the lock that serializes sends to it. Not the Session object's own
     * monitor: the container may lock that while it closes or writes, and waiting for a write
     * while holding it can stall both sides.
     */
    private record Client(Session session, ReentrantLock sending) {
    }

    private final Map<SessionId, Client> sessions = new ConcurrentHashMap<>();

    @Inject
    SignalingMetrics metrics;

    public static SessionId idOf(Session session) {
        return new SessionId(session.getId());
    }

    public SessionId register(Session session) {
        SessionId id = idOf(session);
        sessions.put(id, new Client(session, new ReentrantLock()));
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
     * releases what it held. Sends to one session are serialized, as a WebSocket requires, and
     * bounded: a peer that takes no frame for {@link #SEND_TIMEOUT_SECONDS} is cut off, so a dead
     * connection cannot hold the sending thread (and the session's lock) for ever.
     */
    public void send(SessionId to, ServerMessage message) {
        Client client = sessions.get(to);
        if (client == null || !client.session().isOpen()) {
            LOG.log(Level.DEBUG, "dropped a message for closed session {0}", to);
            return;
        }
        Session session = client.session();
        client.sending().lock();
        try {
            Future<Void> sent;
            try {
                sent = session.getAsyncRemote().sendObject(message);
            } catch (IllegalStateException e) {
                LOG.log(Level.INFO, "could not send to session " + to + ": " + e);
                return;
            }
            try {
                sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                metrics.sent(message);
            } catch (ExecutionException e) {
                LOG.log(Level.INFO, "could not send to session " + to + ": " + e.getCause());
            } catch (TimeoutException e) {
                sent.cancel(true);
                LOG.log(Level.WARNING, "session " + to + " took no frame for " + SEND_TIMEOUT_SECONDS + " s: cutting it off");
                cutOff(session);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            client.sending().unlock();
        }
    }

    private static void cutOff(Session session) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send timeout"));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "closing a stuck session: " + e);
        }
    }
}
