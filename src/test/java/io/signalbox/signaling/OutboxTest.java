package io.signalbox.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.session.SessionId;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an outbox does when the container's write fails in a way Liberty never shows: Tyrus (the
 * WebSocket of Payara) throws a bare RuntimeException for a socket that has just closed. The
 * session is a stand-in for the container; what is checked is the outbox's own handling.
 */
class OutboxTest {

    /** A session whose every write throws as Tyrus does, recording what is asked of it. */
    private static final class ClosedTyrusSession {
        final List<String> writes = new ArrayList<>();
        final List<CloseReason> closes = new ArrayList<>();

        Session session() {
            Object basic = failing(RemoteEndpoint.Basic.class);
            Object async = failing(RemoteEndpoint.Async.class);
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getBasicRemote" -> basic;
                        case "getAsyncRemote" -> async;
                        case "isOpen" -> true;
                        case "close" -> {
                            closes.add((CloseReason) args[0]);
                            yield null;
                        }
                        case "getId" -> "s1";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Object failing(Class<?> remote) {
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {remote}, (proxy, method, args) -> {
                if (method.getName().equals("sendText")) {
                    writes.add((String) args[0]);
                    throw new RuntimeException("Socket is not connected.");
                }
                return null;
            });
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWriteThatThrowsCutsTheSessionOffAndLaterFramesAreDropped(boolean blocking) {
        ClosedTyrusSession container = new ClosedTyrusSession();
        Executor writer = blocking ? Runnable::run : null; // blocking writes, here on the caller's thread
        Outbox outbox = new Outbox(SessionId.of("", "s1"), container.session(), writer);

        outbox.offer("{\"command\":\"pong\"}");
        outbox.offer("{\"command\":\"pong\"}");

        assertEquals(1, container.writes.size(), "the second frame is dropped, not written");
        assertEquals(1, container.closes.size());
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, container.closes.get(0).getCloseCode());
    }
}
