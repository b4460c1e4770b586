package io.signalbox.media.janus;

import io.signalbox.media.LegStats;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Janus's Admin API over its WebSocket transport ({@code admin_ws}, subprotocol
 * {@code janus-admin-protocol}), reached on the same host as each Janus's API at
 * {@code signalbox.media.janus.admin-port} with {@code signalbox.media.janus.admin-secret}: what
 * Janus knows of one handle ({@code handle_info}). One socket per Janus, opened when first asked
 * and again after it is lost; each request waits at most the request timeout.
 */
final class JanusAdmin {
    private static final System.Logger LOG = System.getLogger(JanusAdmin.class.getName());

    private final Optional<String> secret;
    private final int port;
    private final long timeoutMillis;
    private final JsonProvider json = JsonProvider.provider();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<URI, Socket> sockets = new ConcurrentHashMap<>();

    JanusAdmin(Optional<String> secret, int port, long timeoutMillis) {
        this.secret = secret;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** Whether the Admin API is configured: without its secret Signalbox does not use it. */
    boolean configured() {
        return secret.isPresent();
    }

    /** Janus's {@code info} on {@code handle} of {@code session}, on the Janus whose API is at {@code api}. */
    JsonObject handleInfo(URI api, long session, long handle) {
        JsonObject answer = call(api, json.createObjectBuilder().add("janus", "handle_info").add("session_id", session)
                .add("handle_id", handle));
        if (!"success".equals(answer.getString("janus", ""))) {
            JsonObject error = answer.getJsonObject("error");
            throw new JanusException(error == null ? 0 : error.getInt("code", 0),
                    error == null ? answer.toString() : error.getString("reason", "refused"));
        }
        return answer.getJsonObject("info");
    }

    /**
     * The figures in a handle's {@code info}: under {@code webrtc.media}, each medium's
     * {@code stats.out} and {@code stats.in} ({@code packets}, and {@code bytes_lastsec}, the
     * bytes of the last second), and the remote side of {@code webrtc.ice.selected-pair}.
     */
    static LegStats stats(JsonObject info) {
        JsonObject webrtc = info.getJsonObject("webrtc");
        long[] sent = new long[3];
        long[] received = new long[3];
        JsonObject media = webrtc == null ? null : webrtc.getJsonObject("media");
        if (media != null) {
            for (jakarta.json.JsonValue value : media.values()) {
                JsonObject medium = value.asJsonObject();
                JsonObject stats = medium.getJsonObject("stats");
                if (stats == null) {
                    continue;
                }
                int kind = "audio".equals(medium.getString("type", "")) ? 0 : "video".equals(medium.getString("type", "")) ? 1 : -1;
                add(sent, kind, stats.getJsonObject("out"));
                add(received, kind, stats.getJsonObject("in"));
            }
        }
        JsonObject ice = webrtc == null ? null : webrtc.getJsonObject("ice");
        String pair = ice == null ? "" : ice.getString("selected-pair", "");
        return new LegStats(sent[0], sent[1], sent[2] * 8, received[0], received[1], received[2] * 8, remoteOf(pair));
    }

    /** Adds a direction's packets to its kind (audio 0, video 1) and its bytes of the last second to the total (2). */
    private static void add(long[] totals, int kind, JsonObject direction) {
        if (direction == null) {
            return;
        }
        if (kind >= 0 && direction.containsKey("packets")) {
            totals[kind] += direction.getJsonNumber("packets").longValue();
        }
        if (direction.containsKey("bytes_lastsec")) {
            totals[2] += direction.getJsonNumber("bytes_lastsec").longValue();
        }
    }

    /** The remote address of Janus's selected pair, {@code "local [..] <-> remote [..]"}: its host, without the port. */
    static String remoteOf(String pair) {
        int arrow = pair.indexOf("<->");
        if (arrow < 0) {
            return "";
        }
        String remote = pair.substring(arrow + 3).trim();
        int space = remote.indexOf(' ');
        String address = space < 0 ? remote : remote.substring(0, space);
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    void close() {
        sockets.values().forEach(Socket::close);
        sockets.clear();
    }

    private JsonObject call(URI api, jakarta.json.JsonObjectBuilder request) {
        String transaction = UUID.randomUUID().toString();
        request.add("transaction", transaction).add("admin_secret", secret.orElseThrow());
        URI admin = adminOf(api);
        Socket socket = sockets.computeIfAbsent(admin, Socket::new);
        try {
            return socket.send(transaction, request.build().toString()).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            sockets.remove(admin, socket);
            socket.close();
            throw new JanusException(0, "Janus's Admin API at " + admin + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new JanusException(0, "Janus's Admin API at " + admin + " did not answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JanusException(0, "interrupted");
        } finally {
            socket.pending.remove(transaction);
        }
    }

    private URI adminOf(URI api) {
        try {
            return new URI(api.getScheme(), null, api.getHost(), port, "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no admin address for " + api, e);
        }
    }

    /** One admin socket: requests matched to their answers by transaction. */
    private final class Socket implements WebSocket.Listener {
        private final URI uri;
        private final Map<String, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<WebSocket> opened;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Socket(URI uri) {
            this.uri = uri;
            this.opened = http.newWebSocketBuilder().subprotocols("janus-admin-protocol").connectTimeout(Duration.ofSeconds(3))
                    .buildAsync(uri, this).toCompletableFuture();
        }

        CompletableFuture<JsonObject> send(String transaction, String text) {
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            pending.put(transaction, answer);
            CompletableFuture<WebSocket> sent;
            synchronized (this) {
                // One whole frame at a time: the JDK socket refuses a send while another is under way.
                sent = sending.handle((done, failure) -> null).thenCompose(ready -> opened)
                        .thenCompose(socket -> socket.sendText(text, true));
                sending = sent;
            }
            sent.whenComplete((socket, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                }
            });
            return answer;
        }

        void close() {
            opened.thenAccept(WebSocket::abort);
            pending.values().forEach(answer -> answer.completeExceptionally(new JanusException(0, "admin socket closed")));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonObject message = json.createReader(new StringReader(text)).readObject();
                    CompletableFuture<JsonObject> answer = pending.remove(message.getString("transaction", ""));
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "unreadable answer from Janus's Admin API at " + uri, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            sockets.remove(uri, this);
            close();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            sockets.remove(uri, this);
            close();
        }
    }
}
