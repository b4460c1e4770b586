package io.signalbox.load.floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The floor of the relay benchmark on a Jakarta container: the least a WebSocket relay can do
 * there, as the bare {@code ws} relay in {@code src/test/node} does it on Node. A client connects
 * to {@code /relay/basic}, {@code /relay/async} or {@code /relay/virtual} with {@code ?id=NAME},
 * hears {@code {"type":"OPEN"}}, and each text frame it sends goes, unchanged, to the client named
 * in the frame's {@code "dst"} (found by position, not parsed), written blocking on the reading
 * thread ({@code basic}), asynchronously ({@code async}), or blocking on a virtual thread started
 * while frames wait for that client ({@code virtual}, Java 21 on; as Signalbox's outbox writes by
 * default). No checks and no limits; {@code async} and {@code virtual} keep a reader that stops
 * reading from holding its senders' threads, as Signalbox must, and {@code basic} does not. Only
 * the container's own cost, for each way of writing. Deployed by {@link ServerComparison}, never
 * in Signalbox's WAR.
 */
@ServerEndpoint("/relay/{write}")
public class RelayFloorEndpoint {
    /** The benchmark's whole state: one relay per container, so a static map is the honest floor. */
    private static final Map<String, Session> CLIENTS = new ConcurrentHashMap<>();
    /** Starts a virtual thread per task; null before Java 21, where {@code virtual} writes as {@code async}. */
    private static final Executor VIRTUAL = virtualThreads();

    @OnOpen
    public void open(Session session) throws IOException {
        List<String> id = session.getRequestParameterMap().get("id");
        if (id == null || CLIENTS.putIfAbsent(id.get(0), session) != null) {
            session.close();
            return;
        }
        boolean virtual = "virtual".equals(session.getPathParameters().get("write"));
        session.getUserProperties().put(QueuedWrites.KEY, new QueuedWrites(session, virtual ? VIRTUAL : null));
        session.getBasicRemote().sendText("{\"type\":\"OPEN\"}");
    }

    @OnMessage
    public void message(String frame, Session session) throws IOException {
        int at = frame.indexOf("\"dst\":\"");
        if (at < 0) {
            return;
        }
        at += 7;
        Session to = CLIENTS.get(frame.substring(at, frame.indexOf('"', at)));
        if (to == null) {
            return;
        }
        if ("basic".equals(session.getPathParameters().get("write"))) {
            synchronized (to) {
                to.getBasicRemote().sendText(frame);
            }
        } else {
            ((QueuedWrites) to.getUserProperties().get(QueuedWrites.KEY)).send(frame);
        }
    }

    @OnClose
    public void close(Session session) {
        CLIENTS.values().remove(session);
    }

    /**
     * One write at a time, in order, as the container requires: asynchronous, the next started
     * when one completes; or blocking, on a virtual thread started when a frame waits and ended
     * when none does.
     */
    private static final class QueuedWrites {
        static final String KEY = QueuedWrites.class.getName();
        private final Session session;
        /** Runs the blocking writes; null for asynchronous ones. */
        private final Executor blocking;
        private final ArrayDeque<String> waiting = new ArrayDeque<>();
        private boolean writing;

        QueuedWrites(Session session, Executor blocking) {
            this.session = session;
            this.blocking = blocking;
        }

        void send(String frame) {
            synchronized (this) {
                waiting.add(frame);
                if (writing) {
                    return;
                }
                writing = true;
            }
            if (blocking != null) {
                blocking.execute(this::writeAllWaiting);
            } else {
                writeNext();
            }
        }

        /** The next frame to write, or null, and then no write is under way. */
        private synchronized String next() {
            String next = waiting.poll();
            writing = next != null;
            return next;
        }

        private void writeAllWaiting() {
            for (String next = next(); next != null; next = next()) {
                try {
                    session.getBasicRemote().sendText(next);
                } catch (IOException | RuntimeException e) {
                    return; // the client has gone: its close removes it
                }
            }
        }

        private void writeNext() {
            String next = next();
            if (next != null) {
                session.getAsyncRemote().sendText(next, result -> writeNext());
            }
        }
    }

    private static Executor virtualThreads() {
        try {
            return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
