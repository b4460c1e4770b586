package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The frames on their way to one session. Writes are asynchronous, so no thread waits on a slow
 * client: each write's completion starts the next. A client that takes no frame for
 * {@link SessionDirectory#SEND_TIMEOUT_MILLIS} (the container fails the write) or falls
 * {@link SessionDirectory#MAX_QUEUED} frames behind is cut off with 1001, and its close releases
 * what it held.
 */
final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final SessionId id;
    private final Session session;
    private final Queue<String> waiting = new ArrayDeque<>();
    private boolean writing;
    private boolean cutOff;

    Outbox(SessionId id, Session session) {
        this.id = id;
        this.session = session;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void offer(String frame) {
        synchronized (this) {
            if (cutOff) {
                return;
            }
            if (writing) {
                if (waiting.size() >= SessionDirectory.MAX_QUEUED) {
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
            cutOff("fell " + SessionDirectory.MAX_QUEUED + " frames behind");
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
