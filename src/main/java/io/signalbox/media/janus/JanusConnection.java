package io.signalbox.media.janus;

import io.signalbox.concurrent.InApplication;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket to Janus's API and one Janus session on it: requests matched to their answers
 * by transaction, events without one handed on by handle, a keepalive well within Janus's
 * session timeout, and, when the socket or session is lost, reconnection with backoff.
 */
final class JanusConnection implements WebSocket.Listener {
    private static final System.Logger LOG = System.getLogger(JanusConnection.class.getName());
    private static final long KEEPALIVE_SECONDS = 15;
    private static final long FIRST_RETRY_MILLIS = 250;

    private final URI url;
    private final Optional<String> apiSecret;
    private final long timeoutMillis;
    private final long maxRetryMillis;
    private final ScheduledExecutorService scheduler;
    private final JanusListener listener;
    private final JsonProvider json = JsonProvider.provider();
    private final ClassLoader application = Thread.currentThread().getContextClassLoader();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    /** Held while a frame is written, apart from the connection's state, so noticing a loss never waits behind a stalled write. */
    private final Object sending = new Object();

    /** A request on its way: answered by success/ack, or, for a plugin's asynchronous request, by its event. */
    private record Pending(CompletableFuture<JsonObject> answer, boolean awaitsEvent) {
    }

    /** Done once the session is first up. */
    private final CompletableFuture<Void> firstUp = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile long session;
    private volatile boolean up;
    private volatile boolean closed;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private ScheduledFuture<?> keepalive;

    JanusConnection(URI url, Optional<String> apiSecret, long timeoutMillis, long maxRetryMillis,
            ScheduledExecutorService scheduler, JanusListener listener) {
        this.url = url;
        this.apiSecret = apiSecret;
        this.timeoutMillis = timeoutMillis;
        this.maxRetryMillis = maxRetryMillis;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /** Starts connecting; returns at once. */
    void start() {
        LOG.log(Level.INFO, "reaching for Janus at {0}", url);
        connect();
    }

    boolean isUp() {
        return up;
    }

    /** Waits up to {@code millis} for the session to be up, as just after {@link #start}; whether it is. */
    boolean awaitUp(long millis) {
        try {
            firstUp.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return up;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return up;
    }

    URI url() {
        return url;
    }

    /** Janus's id of this connection's session; 0 while there is none. */
    long session() {
        return session;
    }

    /** Attaches a handle to {@code plugin} on the session, waiting for Janus's answer. */
    long attach(String plugin) {
        JsonObject answer = call(json.createObjectBuilder().add("janus", "attach").add("plugin", plugin), false);
        return answer.getJsonObject("data").getJsonNumber("id").longValue();
    }

    /** Detaches a handle, not waiting; a Janus that is gone has detached it already. */
    void detach(long handle) {
        if (up) {
            send(json.createObjectBuilder().add("janus", "detach").add("handle_id", handle), false)
                    .exceptionally(e -> null);
        }
    }

    /**
     * Sends a plugin request on {@code handle} (with a JSEP when given) and waits for its answer:
     * the plugin's data of its synchronous reply or, with {@code awaitsEvent}, of its event, whose
     * JSEP, if any, is under {@code "jsep"} of the returned object.
     */
    JsonObject message(long handle, JsonObject body, JsonObject jsep, boolean awaitsEvent) {
        JsonObjectBuilder request = json.createObjectBuilder().add("janus", "message").add("handle_id", handle).add("body", body);
        if (jsep != null) {
            request.add("jsep", jsep);
        }
        JsonObject answer = call(request, awaitsEvent);
        JsonObject data = answer.getJsonObject("plugindata").getJsonObject("data");
        if (data.containsKey("error_code")) {
            throw new JanusException(data.getInt("error_code"), data.getString("error", "refused"));
        }
        JsonObjectBuilder result = json.createObjectBuilder(data);
        if (answer.containsKey("jsep")) {
            result.add("jsep", answer.getJsonObject("jsep"));
        }
        return result.build();
    }

    /** Trickles one browser candidate to a handle, not waiting. */
    void trickle(long handle, JsonObject candidate) {
        send(json.createObjectBuilder().add("janus", "trickle").add("handle_id", handle).add("candidate", candidate), false)
                .exceptionally(e -> {
                    LOG.log(Level.DEBUG, "trickle to handle {0} failed: {1}", handle, e);
                    return null;
                });
    }

    /** Closes the socket for good (undeploy). */
    void close() {
        closed = true;
        up = false;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    private JsonObject call(JsonObjectBuilder request, boolean awaitsEvent) {
        if (!up) {
            throw new JanusException(0, "Janus at " + url + " is not connected");
        }
        try {
            return send(request, awaitsEvent).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof JanusException janus ? janus : new JanusException(0, String.valueOf(e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new JanusException(0, "Janus at " + url + " did not answer within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JanusException(0, "interrupted");
        }
    }

    private CompletableFuture<JsonObject> send(JsonObjectBuilder request, boolean awaitsEvent) {
        String transaction = UUID.randomUUID().toString();
        request.add("transaction", transaction);
        if (session != 0) {
            request.add("session_id", session);
        }
        apiSecret.ifPresent(secret -> request.add("apisecret", secret));
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(transaction, new Pending(answer, awaitsEvent));
        JsonObject built = request.build();
        String verb = verb(built);
        long started = System.nanoTime();
        answer.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            pending.remove(transaction);
            listener.ended(verb, System.nanoTime() - started, e == null);
        });
        WebSocket current = socket;
        if (current == null) {
            answer.completeExceptionally(new JanusException(0, "no socket to Janus"));
            return answer;
        }
        String text = built.toString();
        try {
            synchronized (sending) {
                // One whole frame at a time: the JDK socket refuses a send while another is under way.
                current.sendText(text, true).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).join();
            }
        } catch (java.util.concurrent.CompletionException e) {
            answer.completeExceptionally(new JanusException(0, "sending to Janus failed: " + e.getCause()));
        }
        return answer;
    }

    /** Janus's verb of {@code request}, or for a plugin message the plugin's ({@code message} without one). */
    private static String verb(JsonObject request) {
        String verb = request.getString("janus", "");
        JsonObject body = request.getJsonObject("body");
        return "message".equals(verb) && body != null ? body.getString("request", verb) : verb;
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            attempt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reaching Janus at {0} failed: {1}", url, e);
            retry();
        }
    }

    private void attempt() {
        http.newWebSocketBuilder().subprotocols("janus-protocol").connectTimeout(Duration.ofSeconds(3))
                .buildAsync(url, this)
                .thenApplyAsync(ws -> {
                    socket = ws;
                    session = 0;
                    JsonObject created = send(json.createObjectBuilder().add("janus", "create"), false)
                            .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).join();
                    session = created.getJsonObject("data").getJsonNumber("id").longValue();
                    return ws;
                }, scheduler)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        LOG.log(retryMillis == FIRST_RETRY_MILLIS ? Level.INFO : Level.DEBUG,
                                "Janus at {0} not reached, trying again: {1}", url, failure);
                        WebSocket opened = socket; // opened, but no session came of it
                        if (opened != null) {
                            socket = null;
                            opened.abort();
                        }
                        retry();
                    } else {
                        up = true;
                        retryMillis = FIRST_RETRY_MILLIS;
                        keepalive = scheduler.scheduleWithFixedDelay(this::keepalive, KEEPALIVE_SECONDS,
                                KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                        LOG.log(Level.INFO, "connected to Janus at {0}, session {1}", url, session);
                        firstUp.complete(null);
                    }
                });
    }

    private void keepalive() {
        if (up) {
            send(json.createObjectBuilder().add("janus", "keepalive"), false).whenComplete((r, e) -> {
                if (e != null) {
                    lose("keepalive unanswered: " + e);
                }
            });
        }
    }

    private synchronized void retry() {
        if (closed) {
            return;
        }
        long delay = retryMillis;
        retryMillis = Math.min(retryMillis * 2, maxRetryMillis);
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.INFO, "not reaching Janus at {0} again: the application is stopping ({1})", url, e.getMessage());
        }
    }

    /** The socket or session is gone: fail what waits, tell the owner once, and start over. */
    private void lose(String why) {
        boolean wasUp;
        synchronized (this) {
            wasUp = up;
            up = false;
            if (keepalive != null) {
                keepalive.cancel(false);
                keepalive = null;
            }
        }
        WebSocket current = socket;
        socket = null;
        if (current != null) {
            current.abort();
        }
        pending.values().forEach(p -> p.answer().completeExceptionally(new JanusException(0, "Janus lost: " + why)));
        pending.clear();
        if (wasUp) {
            LOG.log(Level.WARNING, "lost Janus at {0}: {1}", url, why);
            InApplication.run(application, "handling the loss of " + this, () -> listener.lost(this, why));
            retry();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            InApplication.run(application, "handling a message from " + this, () -> receive(text));
        }
        webSocket.request(1);
        return null;
    }

    private void receive(String text) {
        JsonObject message = json.createReader(new StringReader(text)).readObject();
        String kind = message.getString("janus", "");
        Pending waiting = message.containsKey("transaction") ? pending.get(message.getString("transaction")) : null;
        if (waiting != null) {
            switch (kind) {
                case "error" -> waiting.answer().completeExceptionally(new JanusException(
                        message.getJsonObject("error").getInt("code", 0), message.getJsonObject("error").getString("reason", "")));
                case "ack" -> {
                    if (!waiting.awaitsEvent()) {
                        waiting.answer().complete(message);
                    }
                }
                default -> waiting.answer().complete(message);
            }
            return;
        }
        if (message.containsKey("sender")) {
            listener.event(this, message.getJsonNumber("sender").longValue(), message);
        } else if (kind.equals("timeout")) {
            lose("Janus timed the session out");
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (webSocket == socket) {
            lose("socket closed " + statusCode + " " + reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (webSocket == socket) {
            lose("socket failed: " + error);
        }
    }

    /** For the log: which Janus this is. */
    @Override
    public String toString() {
        return "Janus at " + url;
    }

}
