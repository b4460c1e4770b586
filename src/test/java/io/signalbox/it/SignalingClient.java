package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client of the server under test, that waits for messages rather than time.
 * Messages arrive in order; {@link #awaitMessage} takes the next one and checks its command.
 */
public final class SignalingClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile String closeText = "";

    private SignalingClient(Map<String, String> headers, URI endpoint) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        socket = builder.buildAsync(endpoint, new Listener()).join();
    }

    private SignalingClient(Map<String, String> headers, String query) {
        this(headers, Server.websocket(query));
    }

    public static SignalingClient connect() {
        return new SignalingClient(Map.of(), "");
    }

    /** Connects to another server's signaling endpoint, such as one node of a cluster. */
    public static SignalingClient connectTo(URI endpoint) {
        return new SignalingClient(Map.of(), endpoint);
    }

    /** Connects as a browser page from {@code origin} would; fails if the handshake is refused. */
    public static SignalingClient connectFrom(String origin) {
        return new SignalingClient(Map.of("Origin", origin), "");
    }

    /** Connects with a token on the upgrade request, as {@code ?token=}. */
    public static SignalingClient connectWithToken(String token) {
        return new SignalingClient(Map.of(), "?token=" + token);
    }

    /** Connects with one extra header on the upgrade request, such as {@code Authorization} or {@code Cookie}. */
    public static SignalingClient connectWithHeader(String name, String value) {
        return new SignalingClient(Map.of(name, value), "");
    }

    /** Sends one text frame, exactly as given. */
    public SignalingClient send(String text) {
        socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends one binary frame with these bytes. */
    public SignalingClient sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    public SignalingClient send(JsonObject message) {
        return send(message.toString());
    }

    /** The next message, which must have this {@code command}. */
    public JsonObject awaitMessage(String command) {
        return awaitMessage(command, TIMEOUT);
    }

    public JsonObject awaitMessage(String command, Duration timeout) {
        JsonObject message = next(timeout);
        assertEquals(command, message.getString("command", null), () -> "unexpected message " + message);
        return message;
    }

    /** The next message, whatever its command. */
    public JsonObject nextMessage() {
        return next(TIMEOUT);
    }

    /** The next message within {@code timeout}, whatever its command. */
    public JsonObject nextMessage(Duration timeout) {
        return next(timeout);
    }

    /** The next message, which must be an error with this definition. */
    public JsonObject awaitError(String definition) {
        JsonObject error = awaitMessage("error");
        assertEquals(definition, error.getString("definition"), () -> "unexpected error " + error);
        return error;
    }

    /** The next message, which must be a notification with this definition. */
    public JsonObject awaitNotification(String definition) {
        JsonObject notification = awaitMessage("notification");
        assertEquals(definition, notification.getString("definition"), () -> "unexpected notification " + notification);
        return notification;
    }

    /**
     * Proves nothing else is on its way: a ping's pong must be the very next message, and the
     * server answers in order.
     */
    public void assertNothingPending() {
        send("{\"command\":\"ping\"}");
        awaitMessage("pong");
    }

    /** Waits for the server to close the socket and returns the close code. */
    public int awaitClose() {
        return closedWith.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Whether the server has closed this socket. */
    public boolean isClosed() {
        return closedWith.isDone();
    }

    /** How the socket closed: its close code, or the error that ended it; "open" while it is open. */
    public String closeReason() {
        if (!closedWith.isDone()) {
            return "open";
        }
        return closedWith.handle((code, error) -> error == null ? "code " + code + " " + closeText : String.valueOf(error)).join();
    }

    /** Drops the TCP connection with no close handshake, like a crashed browser or a lost network. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
            // Finish the closing handshake before dropping the connection. Cutting TCP right after
            // our close frame sometimes left Liberty's close handling stuck (see the issue notes);
            // abort() is the test for dropped connections.
            closedWith.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private JsonObject next(Duration timeout) {
        try {
            String text = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                fail("no message within " + timeout);
            }
            return Json.createReader(new StringReader(text)).readObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeText = reason;
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.completeExceptionally(error);
        }
    }
}
