package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The frames on their way to one session, written one at a time in order, so no thread that
 * hands a frame over waits on a slow client. Two ways to write (signalbox.websocket.writes):
 * blocking writes on a virtual thread of this outbox's own, started when frames wait and ended
 * when none do; or the container's asynchronous writes, each completion starting the next.
 * A client that falls {@link SessionDirectory#MAX_QUEUED} frames behind, or takes no frame for
 * {@link SessionDirectory#SEND_TIMEOUT_MILLIS} (the container fails an asynchronous write; a
 * blocking write that long is seen by the next frame offered), is cut off with 1001, and its
 * close releases what it held.
 */
final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());
    private static final long SEND_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(SessionDirectory.SEND_TIMEOUT_MILLIS);

    private final SessionId id;
    private final Session session;
    /** Runs this outbox's blocking writes; null when the container's asynchronous writes are used. */
    private final Executor blockingWriter;
    private final Queue<String> waiting = new ArrayDeque<>();
    private boolean writing;
    private boolean cutOff;
    /** A close asked for while frames were being written: done once they all are. */
    private CloseReason closeWhenWritten;
    private static final long NO_WRITE = Long.MIN_VALUE;
    /** When the blocking write under way began ({@link System#nanoTime}), or {@link #NO_WRITE}. */
    private volatile long writeStarted = NO_WRITE;

    Outbox(SessionId id, Session session, Executor blockingWriter) {
        this.id = id;
        this.session = session;
        this.blockingWriter = blockingWriter;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void offer(String frame) {
        String problem = null;
        boolean start = false;
        synchronized (this) {
            if (cutOff) {
                return;
            }
            long started = writeStarted;
            if (started != NO_WRITE && System.nanoTime() - started > SEND_TIMEOUT_NANOS) {
                problem = "took no frame for " + SessionDirectory.SEND_TIMEOUT_MILLIS + " ms";
            } else if (waiting.size() >= SessionDirectory.MAX_QUEUED) {
                problem = "fell " + SessionDirectory.MAX_QUEUED + " frames behind";
            } else {
                waiting.add(frame);
                start = !writing;
                writing = true;
            }
            if (problem != null) {
                cutOff = true;
                waiting.clear();
            }
        }
        if (problem != null) {
            cutOff(problem);
        } else if (start && blockingWriter != null) {
            blockingWriter.execute(this::writeAllWaiting);
        } else if (start) {
            writeNextAsync();
        }
    }

    /**
     * Closes the session with {@code reason} once the frames offered before are written (an
     * error frame, then its close); frames offered after are dropped.
     */
    void closeAfterWaiting(CloseReason reason) {
        synchronized (this) {
            if (cutOff) {
                return;
            }
            cutOff = true;
            if (writing) {
                closeWhenWritten = reason;
                return;
            }
        }
        close(reason);
    }

    /** Blocking writes until no frame waits: on a thread of its own, so only this session's frames wait on its client. */
    private void writeAllWaiting() {
        while (true) {
            String next = nextOrDone();
            if (next == null) {
                closeIfAsked();
                return;
            }
            writeStarted = System.nanoTime();
            try {
                session.getBasicRemote().sendText(next);
            } catch (IOException | RuntimeException e) {
                // Any failure of the container's write, not only IllegalStateException: Tyrus
                // (Payara) throws a bare RuntimeException for a socket that has closed, and one
                // escaping here would leave this outbox writing, with its frames never sent.
                failed("a write failed: " + e);
                return;
            } finally {
                writeStarted = NO_WRITE;
            }
        }
    }

    private void writeNextAsync() {
        String next = nextOrDone();
        if (next == null) {
            closeIfAsked();
            return;
        }
        try {
            session.getAsyncRemote().sendText(next, this::writtenAsync);
        } catch (RuntimeException e) { // as in writeAllWaiting: Tyrus's closed socket is a bare RuntimeException
            failed("closed while sending: " + e);
        }
    }

    private void writtenAsync(SendResult result) {
        if (result.isOK()) {
            writeNextAsync();
        } else {
            failed("a write failed: " + result.getException());
        }
    }

    /** The next frame to write, or null when none waits, and then this outbox is no longer writing. */
    private synchronized String nextOrDone() {
        String next = waiting.poll();
        writing = next != null;
        return next;
    }

    private void closeIfAsked() {
        CloseReason reason;
        synchronized (this) {
            reason = closeWhenWritten;
            closeWhenWritten = null;
        }
        if (reason != null) {
            close(reason);
        }
    }

    private void close(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing session " + id + ": " + e);
        }
    }

    private void failed(String why) {
        synchronized (this) {
            cutOff = true;
            waiting.clear();
            writing = false;
        }
        cutOff(why);
    }

    private void cutOff(String why) {
        if (!session.isOpen()) {
            LOG.log(Level.DEBUG, "session {0} closed with frames unsent: {1}", id, why);
            return;
        }
        LOG.log(Level.WARNING, "cutting off session " + id + ": " + why);
        close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"));
    }
}
