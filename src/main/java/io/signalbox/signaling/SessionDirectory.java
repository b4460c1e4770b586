package io.signalbox.signaling;

import io.signalbox.cluster.Nodes;
import io.signalbox.concurrent.InOrder;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.signaling.message.ServerMessageJson;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The open WebSocket sessions of this node, by id, each with its outbox, relay routes and lane
 * (where its work that waits for the media server runs, in order, off the socket's thread): the
 * one place that sends to a client, on this node or, through {@link Nodes}, on another.
 */
@ApplicationScoped
public class SessionDirectory {
    private static final System.Logger LOG = System.getLogger(SessionDirectory.class.getName());
    static final long SEND_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(5);
    /** Frames one session may have waiting behind the one being written before it is cut off. */
    static final int MAX_QUEUED = 256;

    /** One open session of this node. */
    private record Connection(Outbox outbox, RelayTable routes, InOrder lane, LastHeard heard) {
    }

    private final Map<SessionId, Connection> sessions = new ConcurrentHashMap<>();
    /** The lanes of this node's sessions that have no socket (a WHIP publisher's HTTP resource). */
    private final Map<SessionId, InOrder> socketless = new ConcurrentHashMap<>();
    private final Map<MediaChange, BiConsumer<SessionId, String>> mediaChanges = new ConcurrentHashMap<>();

    /**
     * What a session's own node does to its media, as that node holds it on the media server:
     * let a viewer's subscription go (its publisher stopped), or bring a conference player's
     * subscription up to date (a feed came).
     */
    enum MediaChange {
        RELEASE, REFRESH
    }

    @Inject
    SignalingMetrics metrics;

    @Inject
    Nodes nodes;

    @Inject
    LimitsConfig limits;

    @Resource
    ManagedExecutorService executor;

    /** Where outboxes write blocking, a virtual thread each; null when they write asynchronously. */
    private Executor blockingWriter;
    /** Where lanes run: virtual threads where the JVM has them, so a lane waiting on a stalled media server costs no pool thread. */
    private Executor lanes;
    private ClassLoader application;
    private volatile Consumer<Delivery> calls = delivery -> LOG.log(Level.WARNING, "ignored a call before start: {0}", delivery);

    /**
     * Takes in what other nodes send to this node's sessions, counts the sessions for the
     * metrics, and settles how frames are written.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        boolean virtual = limits.writesOnVirtualThreads();
        blockingWriter = virtual ? VirtualThreads.executor().orElse(null) : null;
        LOG.log(Level.INFO, blockingWriter != null ? "frames are written blocking, on a virtual thread per session"
                : "frames are written with the container's asynchronous writes (signalbox.websocket.writes="
                        + (virtual ? "virtual-threads, and Java " + Runtime.version().feature() + " has none)" : "async)"));
        lanes = VirtualThreads.executor().orElse(executor);
        application = Thread.currentThread().getContextClassLoader();
        nodes.onReceive(this::receive);
        metrics.countSessionsWith(sessions::size);
    }

    /**
     * Registers a new session under an id that names this node when clustered; {@code heard} is
     * when it last sent a frame, which {@link IdleSessions} reads.
     */
    SessionId register(Session session, LastHeard heard) {
        SessionId id = SessionId.of(nodes.self(), session.getId());
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MILLIS);
        sessions.put(id, new Connection(new Outbox(id, session, blockingWriter), new RelayTable(),
                new InOrder(lanes, application), heard));
        return id;
    }

    /**
     * Registers a session that has no socket, only a lane, under an id that names this node when
     * clustered and starts with {@code kind}: what is sent to it is dropped, as for a closed one.
     */
    public SessionId registerSocketless(String kind) {
        SessionId id = SessionId.of(nodes.self(), kind + "-" + UUID.randomUUID());
        socketless.put(id, new InOrder(lanes, application));
        return id;
    }

    /**
     * Runs {@code task} on {@code session}'s lane: after the work queued there before it, off the
     * calling thread. A session not open on this node has no lane: the task runs on the caller.
     */
    public void inLane(SessionId session, Runnable task) {
        Connection connection = sessions.get(session);
        InOrder lane = connection != null ? connection.lane() : socketless.get(session);
        if (lane == null) {
            task.run();
        } else {
            lane.execute(task);
        }
    }

    public void unregister(SessionId id) {
        sessions.remove(id);
        socketless.remove(id);
    }

    /** How frames are written on this node: {@code virtual-threads} or {@code async}. */
    public String writes() {
        return blockingWriter != null ? "virtual-threads" : "async";
    }

    public int size() {
        return sessions.size();
    }

    /** The sessions of this node that have sent no frame for {@code nanos} or longer. */
    List<SessionId> silentFor(long nanos) {
        long now = System.nanoTime();
        return sessions.entrySet().stream().filter(e -> e.getValue().heard().silentNanos(now) >= nanos)
                .map(Map.Entry::getKey).toList();
    }

    /** The sessions open on this node now. */
    public List<SessionId> local() {
        return List.copyOf(sessions.keySet());
    }

    /**
     * Sends one message without waiting for it to be written, through the node that holds
     * {@code to} when that is another one; a session that has gone meanwhile is skipped, as its
     * close handler releases what it held. Frames to one session go out one at a time in the
     * order given, as a WebSocket requires.
     */
    public void send(SessionId to, ServerMessage message) {
        if (nodes.isRemote(to)) {
            nodes.send(to.node().orElseThrow(), new Delivery.Frame(to.value(), ServerMessageJson.encode(message)));
            metrics.sent(message);
        } else if (write(to, ServerMessageJson.encode(message))) {
            metrics.sent(message);
        }
    }

    /**
     * Relays a message {@code from} sends on {@code stream} along its own route, tagged for the
     * receiver by {@code taggedWith}; false when {@code from} has no route for it here, and
     * nothing is sent. The receiver's node writes it only if the receiver's route leads back to
     * {@code from}, so a frame that crosses a leave or a new join reaches nobody else.
     */
    boolean relay(SessionId from, String stream, String subscriberId, Function<String, ServerMessage> taggedWith) {
        Connection sender = sessions.get(from);
        RelayTable.Route route = sender == null ? null : sender.routes().lookUp(stream, subscriberId);
        if (route == null) {
            return false;
        }
        ServerMessage message = taggedWith.apply(route.tag());
        Delivery.Relayed relayed = Delivery.Relayed.of(route.to(), from, route.back(), ServerMessageJson.encode(message));
        if (nodes.isRemote(route.to())) {
            nodes.send(route.to().node().orElseThrow(), relayed);
            metrics.sent(message);
        } else if (deliver(relayed)) {
            metrics.sent(message);
        }
        return true;
    }

    /**
     * Sets ({@code peer} given) or removes ({@code peer} null) the route of session {@code owner}
     * under {@code key}, on whichever node holds it. A change handed over before a frame to the
     * same session takes effect before that frame is written.
     */
    void route(SessionId owner, RelayTable.Key key, SessionId peer, String tag, long version) {
        Delivery.RouteChange change = Delivery.RouteChange.of(owner, key, peer, tag, version);
        if (nodes.isRemote(owner)) {
            nodes.send(owner.node().orElseThrow(), change);
        } else {
            apply(change);
        }
    }

    /** Who takes in the calls other nodes make on this node's sessions, and their answers ({@link SessionCalls}). */
    void onCalls(Consumer<Delivery> receiver) {
        calls = receiver;
    }

    /** Who makes {@code change} to a session's media on a stream, on this node. */
    void onMedia(MediaChange change, BiConsumer<SessionId, String> handler) {
        mediaChanges.put(change, handler);
    }

    /**
     * Has the node that holds {@code session} make {@code change} to its media on {@code stream}:
     * a viewer's subscription lives on its own node's connection to the media server.
     */
    void changeMedia(SessionId session, String stream, MediaChange change) {
        if (nodes.isRemote(session)) {
            nodes.send(session.node().orElseThrow(), new Delivery.Media(session.value(), stream, change.name()));
        } else {
            changeMediaHere(session, stream, change);
        }
    }

    /** Makes the change on the session's lane: it waits for the media server, and comes in order with the session's own commands. */
    private void changeMediaHere(SessionId session, String stream, MediaChange change) {
        BiConsumer<SessionId, String> handler = mediaChanges.get(change);
        if (handler != null) {
            inLane(session, () -> handler.accept(session, stream));
        }
    }

    /** Takes in what another node sent to one of this node's sessions. */
    private void receive(Object delivery) {
        if (delivery instanceof Delivery.Frame frame) {
            write(frame.session(), frame.text());
        } else if (delivery instanceof Delivery.Media media) {
            changeMediaHere(media.session(), media.stream(), media.mediaChange());
        } else if (delivery instanceof Delivery.Relayed relayed) {
            deliver(relayed);
        } else if (delivery instanceof Delivery.RouteChange change) {
            apply(change);
        } else if (delivery instanceof Delivery.Call || delivery instanceof Delivery.Answer) {
            calls.accept((Delivery) delivery);
        } else {
            LOG.log(Level.WARNING, "ignored an unknown delivery from another node: {0}", delivery);
        }
    }

    private boolean deliver(Delivery.Relayed relayed) {
        Connection receiver = sessions.get(relayed.session());
        RelayTable.Route back = receiver == null ? null : receiver.routes().find(relayed.back());
        if (back == null || !back.to().value().equals(relayed.from())) {
            LOG.log(Level.DEBUG, "dropped a frame from {0} that {1} no longer takes", relayed.from(), relayed.to());
            return false;
        }
        return write(relayed.session(), relayed.text());
    }

    private void apply(Delivery.RouteChange change) {
        Connection owner = sessions.get(change.session());
        if (owner != null) {
            owner.routes().apply(change.key(), change.peerSession(), change.tag(), change.version());
        }
    }

    /** Closes a session of this node with {@code reason} after the frames already sent to it are written. */
    public void close(SessionId id, CloseReason reason) {
        Connection connection = sessions.get(id);
        if (connection != null) {
            connection.outbox().closeAfterWaiting(reason);
        }
    }

    private boolean write(SessionId to, String frame) {
        Connection connection = sessions.get(to);
        if (connection == null || !connection.outbox().isOpen()) {
            LOG.log(Level.DEBUG, "dropped a message for closed session {0}", to);
            return false;
        }
        connection.outbox().offer(frame);
        return true;
    }
}
