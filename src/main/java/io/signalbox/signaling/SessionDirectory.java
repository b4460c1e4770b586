package io.signalbox.signaling;

import io.signalbox.cluster.SharedState;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.signaling.message.ServerMessageEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The open WebSocket sessions of this node, by id; the one place that sends to a client. */
@ApplicationScoped
public class SessionDirectory {
    private static final System.Logger LOG = System.getLogger(SessionDirectory.class.getName());
    static final long SEND_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(5);
    /** Frames one session may have waiting behind the one being written before it is cut off. */
    static final int MAX_QUEUED = 256;

    private static final ServerMessageEncoder ENCODER = new ServerMessageEncoder();

    private final Map<SessionId, Outbox> sessions = new ConcurrentHashMap<>();

    @Inject
    SignalingMetrics metrics;

    @Inject
    SharedState state;

    /** Takes in the frames other nodes send to this node's sessions. */
    void receiveFromOtherNodes(@Observes @Initialized(ApplicationScoped.class) Object started) {
        state.onDelivery(this::deliver);
    }

    /** Registers a new session under an id that names this node when clustered. */
    public SessionId register(Session session) {
        SessionId id = SessionId.of(state.node(), session.getId());
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MILLIS);
        sessions.put(id, new Outbox(id, session));
        return id;
    }

    public void unregister(SessionId id) {
        sessions.remove(id);
    }

    public int size() {
        return sessions.size();
    }

    /**
     * Sends one message without waiting for it to be written, through the node that holds
     * {@code to} when that is another one; a session that has gone meanwhile is skipped, as its
     * close handler releases what it held. Frames to one session go out one at a time in the
     * order given, as a WebSocket requires.
     */
    public void send(SessionId to, ServerMessage message) {
        if (state.isRemote(to)) {
            metrics.sent(message);
            state.deliver(to, ENCODER.encode(message));
            return;
        }
        Outbox outbox = sessions.get(to);
        if (outbox == null || !outbox.session.isOpen()) {
            LOG.log(Level.DEBUG, "dropped a message for closed session {0}", to);
            return;
        }
        metrics.sent(message);
        outbox.offer(ENCODER.encode(message));
    }

    /** Writes a frame another node sent to a session of this one. */
    private void deliver(SessionId to, String frame) {
        Outbox outbox = sessions.get(to);
        if (outbox == null || !outbox.session.isOpen()) {
            LOG.log(Level.DEBUG, "dropped a frame from another node for closed session {0}", to);
            return;
        }
        outbox.offer(frame);
    }

    /**
     * The frames on their way to one session. Writes are asynchronous, so no thread waits on a
     * slow client: each write's completion starts the next. A client that takes no frame for
     * {@link #SEND_TIMEOUT_MILLIS} (the container fails the write) or falls {@link #MAX_QUEUED}
     * frames behind is cut off with 1001, and its close releases what it held.
     */
    private static final class Outbox {
        private final SessionId id;
        private final Session session;
        private final Queue<String> waiting = new ArrayDeque<>();
        private boolean writing;
        private boolean cutOff;

        Outbox(SessionId id, Session session) {
            this.id = id;
            this.session = session;
        }

        void offer(String frame) {
            synchronized (this) {
                if (cutOff) {
                    return;
                }
                if (writing) {
                    if (waiting.size() >= MAX_QUEUED) {
                        cutOff = true;
                        waiting.clear();
                    } else {
                        waiting.add(frame);
                        return;
                    }
                } else {
                    writing = true;
                }
            }
            if (cutOff) {
                cutOff("fell " + MAX_QUEUED + " frames behind");
            } else {
                write(frame);
            }
        }

        private void write(String frame) {
            try {
                session.getAsyncRemote().sendText(frame, this::written);
            } catch (IllegalStateException e) {
                LOG.log(Level.DEBUG, "session " + id + " closed while sending: " + e);
                synchronized (this) {
                    waiting.clear();
                    writing = false;
                }
            }
        }

        private void written(SendResult result) {
            if (!result.isOK()) {
                synchronized (this) {
                    cutOff = true;
                    waiting.clear();
                    writing = false;
                }
                cutOff("a write failed: " + result.getException());
                return;
            }
            String next;
            synchronized (this) {
                next = waiting.poll();
                writing = next != null;
            }
            if (next != null) {
                write(next);
            }
        }

        private void cutOff(String why) {
            if (!session.isOpen()) {
                LOG.log(Level.DEBUG, "session {0} closed with frames unsent: {1}", id, why);
                return;
            }
            LOG.log(Level.WARNING, "cutting off session " + id + ": " + why);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"));
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.DEBUG, "closing a stuck session: " + e);
            }
        }
    }
}
