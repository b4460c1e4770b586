package io.signalbox.load.floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor of the relay benchmark on a Jakarta container: the least a WebSocket relay can do
 * there, as the bare {@code ws} relay in {@code src/test/node} does it on Node. A client connects
 * to {@code /relay/basic} or {@code /relay/async} with {@code ?id=NAME}, hears {@code {"type":"OPEN"}},
 * and each text frame it sends goes, unchanged, to the client named in the frame's {@code "dst"}
 * (found by position, not parsed), written blocking on the reading thread ({@code basic}) or
 * asynchronously ({@code async}). No checks, no limits, no protection from a slow reader: only
 * the container's own cost. Deployed by {@link ServerComparison}, never in Signalbox's WAR.
 */
@ServerEndpoint("/relay/{write}")
public class RelayFloorEndpoint {
    /** The benchmark's whole state: one relay per container, so a static map is the honest floor. */
    private static final Map<String, Session> CLIENTS = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session) throws IOException {
        List<String> id = session.getRequestParameterMap().get("id");
        if (id == null || CLIENTS.putIfAbsent(id.get(0), session) != null) {
            session.close();
            return;
        }
        session.getUserProperties().put(AsyncWrites.KEY, new AsyncWrites(session));
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
            ((AsyncWrites) to.getUserProperties().get(AsyncWrites.KEY)).send(frame);
        }
    }

    /** One asynchronous write at a time, as the container requires; the next starts when one completes. */
    private static final class AsyncWrites {
        static final String KEY = AsyncWrites.class.getName();
        private final Session session;
        private final java.util.ArrayDeque<String> waiting = new java.util.ArrayDeque<>();
        private boolean writing;

        AsyncWrites(Session session) {
            this.session = session;
        }

        void send(String frame) {
            synchronized (this) {
                if (writing) {
                    waiting.add(frame);
                    return;
                }
                writing = true;
            }
            write(frame);
        }

        private void write(String frame) {
            session.getAsyncRemote().sendText(frame, result -> {
                String next;
                synchronized (this) {
                    next = waiting.poll();
                    writing = next != null;
                }
                if (next != null) {
                    write(next);
                }
            });
        }
    }

    @OnClose
    public void close(Session session) {
        CLIENTS.values().remove(session);
    }
}
