package io.signalbox.media.janus;

import io.signalbox.concurrent.InOrder;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.Feed;
import io.signalbox.media.Leg;
import io.signalbox.media.LegStats;
import io.signalbox.media.MediaAddress;
import io.signalbox.media.MediaConfig;
import io.signalbox.media.MediaEvent;
import io.signalbox.media.MediaMetrics;
import io.signalbox.media.MediaRoom;
import io.signalbox.media.MediaServer;
import io.signalbox.media.janus.JanusHandles.Handle;
import io.signalbox.media.janus.JanusHandles.Role;
import io.signalbox.session.SessionId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The Janus SFU as the media plane ({@code signalbox.media.backend=janus}): a stream published on
 * its own is a videoroom of that name, on the Janus of the node its publisher is connected to,
 * with its publisher as the one feed; a conference is one videoroom named by its room, into which
 * every member publishes. Each viewer is a subscriber handle, driven by the viewer's own node,
 * which reaches that Janus by the address the stream or conference records: on one feed, or on
 * every feed of a conference it gets (a multistream subscription, changed as its
 * {@link SubscriptionPlan} says). This node's handles are on its own Janus sessions, so Janus's
 * events for them arrive here ({@link JanusEvents}).
 */
@ApplicationScoped
@Typed(JanusMedia.class)
public class JanusMedia implements MediaServer {
    private static final System.Logger LOG = System.getLogger(JanusMedia.class.getName());
    /** Janus wants a number of publishers; rooms without a limit get this many. */
    private static final int UNLIMITED_SEATS = 1000;

    @Inject
    MediaConfig config;

    @Inject
    Event<MediaEvent> events;

    @Inject
    MediaMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final JanusHandles handles = new JanusHandles();
    private JanusConnections connections;
    private JanusAdmin admin;
    private RoomReaper reaper;

    /** Connects to this node's Janus; called once at start when the backend is janus. */
    public void start() {
        InOrder reports = new InOrder(scheduler, Thread.currentThread().getContextClassLoader());
        reaper = new RoomReaper(scheduler);
        admin = new JanusAdmin(config.janusAdminSecret(), config.janusAdminPort(), config.requestTimeoutMillis());
        JanusEvents events = new JanusEvents(handles, reports, this.events::fire, this::release, this::reapLater);
        connections = new JanusConnections(config.janusUrl(), config.janusApiSecret(), config.requestTimeoutMillis(),
                config.maxReconnectMillis(), scheduler, new JanusListener() {
                    @Override
                    public void event(JanusConnection janus, long handle, JsonObject event) {
                        events.event(janus, handle, event);
                    }

                    @Override
                    public void lost(JanusConnection janus, String why) {
                        connections.lost(janus);
                        events.lost(janus, why);
                    }

                    @Override
                    public void ended(String request, long nanos, boolean answered) {
                        metrics.called(request, nanos, answered);
                    }
                });
    }

    @PreDestroy
    void close() {
        if (connections != null) {
            connections.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Override
    public boolean forwards() {
        return true;
    }

    @Override
    public boolean reachable() {
        return connections != null && connections.homeIsUp();
    }

    @Override
    public MediaAddress address() {
        return new MediaAddress(config.janusUrl());
    }

    @Override
    public void publish(SessionId publisher, Feed feed, MediaRoom room, MediaAddress at) {
        JanusConnection janus = connections.at(at.uri(), feed.name());
        long handle = attach(janus, feed);
        try {
            try {
                janus.message(handle, Videoroom.create(room.name(), room.seats() > 0 ? room.seats() : UNLIMITED_SEATS), null, false);
            } catch (JanusException e) {
                if (e.code != Videoroom.ROOM_EXISTS) {
                    throw e;
                }
            }
        } catch (JanusException e) {
            janus.detach(handle);
            throw Videoroom.unavailable(feed.name(), e);
        }
        remember(new Handle(janus, handle, publisher, feed, room, Role.PUBLISHER, List.of()));
    }

    @Override
    public String offer(SessionId publisher, Feed feed, String sdp) {
        Handle handle = require(publisher, feed);
        try {
            JsonObject joined = handle.janus().message(handle.id(), Videoroom.publisherJoin(handle.room().name(), feed.name()),
                    Videoroom.jsep("offer", sdp), true);
            return joined.getJsonObject("jsep").getString("sdp");
        } catch (JanusException e) {
            if (e.code == Videoroom.TOO_MANY_PUBLISHERS) {
                throw new SignalingException(ErrorDefinition.ROOM_FULL, handle.room() + " has no seat left for " + feed);
            }
            if (e.code == 0) {
                throw Videoroom.unavailable(feed.name(), e);
            }
            throw new SignalingException(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION, "Janus refused the offer for " + feed + ": " + e.getMessage());
        }
    }

    @Override
    public String reoffer(SessionId publisher, Feed feed, String sdp) {
        Handle handle = require(publisher, feed);
        try {
            JsonObject configured = handle.janus().message(handle.id(), Videoroom.configure(), Videoroom.jsep("offer", sdp), true);
            return configured.getJsonObject("jsep").getString("sdp");
        } catch (JanusException e) {
            if (e.code == 0) {
                throw Videoroom.unavailable(feed.name(), e);
            }
            throw new SignalingException(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION, "Janus refused the new offer for " + feed + ": " + e.getMessage());
        }
    }

    @Override
    public Offer play(SessionId viewer, Feed feed, MediaRoom room, MediaAddress at) {
        JanusConnection janus = connections.at(at.uri(), feed.name());
        long handle = attach(janus, feed);
        JsonObject attached;
        try {
            attached = janus.message(handle, Videoroom.subscriberJoin(room.name(), List.of(feed.name())), null, true);
        } catch (JanusException e) {
            janus.detach(handle);
            if (Videoroom.gone(e)) {
                throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, feed + " carries no media yet: " + e.getMessage());
            }
            throw Videoroom.unavailable(feed.name(), e);
        }
        remember(new Handle(janus, handle, viewer, feed, room, Role.VIEWER, Videoroom.videoMids(attached)));
        return Videoroom.offerOf(attached);
    }

    /**
     * One subscription per viewer and conference: joined with the first feeds, then changed with
     * Janus's {@code update}, which answers with a new offer at once or, while the viewer's answer
     * to the last one is awaited, sends it later as an event.
     */
    @Override
    public Optional<Offer> subscribe(SessionId viewer, MediaRoom room, MediaAddress at, Subscription wanted) {
        List<String> feeds = names(wanted.feeds());
        List<String> video = names(wanted.video());
        Handle handle = handles.get(viewer, room.name());
        if (handle != null) {
            return change(handle, feeds, video);
        }
        boolean holding = feeds.isEmpty() && wanted.placeholder().isPresent();
        List<String> first = holding ? List.of(wanted.placeholder().get().name()) : feeds;
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<Offer> offer = join(viewer, room, at, first, holding);
        Handle made = handles.get(viewer, room.name());
        if (offer.isPresent() && made != null && !holding) {
            change(made, feeds, video); // the video left out goes in Janus's next offer
        }
        return offer;
    }

    /** Brings a conference subscription to {@code feeds} and {@code video}, as its plan says; nothing while Janus still has a change to offer. */
    private Optional<Offer> change(Handle handle, List<String> feeds, List<String> video) {
        if (handles.awaiting(handle)) {
            return Optional.empty(); // the viewer's node asks again once Janus has offered
        }
        SubscriptionPlan plan = SubscriptionPlan.of(handles.carried(handle), handles.videoMids(handle), feeds, video);
        Optional<Offer> first = Optional.empty();
        for (SubscriptionPlan step : plan.steps()) {
            Optional<Offer> offered = update(handle, step);
            if (first.isEmpty()) {
                first = offered; // a later step is "updating": offered once the viewer answers the first
            }
        }
        return first;
    }

    /** The viewer's first subscription to a conference: its feeds, or, holding, the placeholder with nothing sent. */
    private Optional<Offer> join(SessionId viewer, MediaRoom room, MediaAddress at, List<String> feeds, boolean holding) {
        JanusConnection janus = connections.at(at.uri(), room.name());
        long id = attach(janus, room);
        JsonObject attached;
        try {
            attached = janus.message(id, Videoroom.subscriberJoin(room.name(), feeds), null, true);
            if (holding) {
                janus.message(id, Videoroom.sendNothing(attached), null, true);
            }
        } catch (JanusException e) {
            janus.detach(id);
            if (Videoroom.gone(e)) {
                LOG.log(Level.DEBUG, "{0}: a feed of {1} left meanwhile: {2}", viewer, room, e.getMessage());
                return Optional.empty(); // the feed that left changes the room again, and the viewer's node is told
            }
            throw Videoroom.unavailable(room.name(), e);
        }
        Handle made = new Handle(janus, id, viewer, room, room, Role.CONFERENCE_VIEWER, List.of());
        remember(made);
        handles.carried(made, Videoroom.carriedIn(attached));
        return Optional.of(Videoroom.offerOf(attached));
    }

    /** One step of a plan: Janus's offer at once, or none while it waits for the viewer's answer to its last, or when nothing changed. */
    private Optional<Offer> update(Handle handle, SubscriptionPlan step) {
        JsonObject updated;
        try {
            updated = handle.janus().message(handle.id(), Videoroom.update(step), null, true);
        } catch (JanusException e) {
            if (e.code == Videoroom.NO_SUCH_FEED) {
                LOG.log(Level.DEBUG, "{0}: a feed of {1} left meanwhile: {2}", handle.session(), handle.room(), e.getMessage());
                return Optional.empty();
            }
            throw Videoroom.unavailable(handle.room().name(), e);
        }
        if ("updating".equals(updated.getString("videoroom", ""))) {
            handles.await(handle);
            return Optional.empty();
        }
        if (!updated.containsKey("jsep")) {
            return Optional.empty(); // nothing changed
        }
        handles.carried(handle, Videoroom.carriedIn(updated));
        return Optional.of(Videoroom.offerOf(updated));
    }

    /** Destroys the room off the caller's thread, and again later if Janus does not answer now. */
    @Override
    public void dropRoom(MediaRoom room, MediaAddress at) {
        reapLater(room, at.uri());
    }

    @Override
    public void answer(SessionId viewer, Leg leg, String sdp) {
        Handle handle = require(viewer, leg);
        try {
            handle.janus().message(handle.id(), Videoroom.start(), Videoroom.jsep("answer", sdp), true);
        } catch (JanusException e) {
            if (e.code == 0) {
                throw Videoroom.unavailable(leg.name(), e);
            }
            throw new SignalingException(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION, "Janus refused the answer for " + leg + ": " + e.getMessage());
        }
    }

    @Override
    public void candidate(SessionId session, Leg leg, String mid, Integer mLineIndex, String candidate) {
        Handle handle = require(session, leg);
        handle.janus().trickle(handle.id(), Videoroom.trickle(candidate, mid, mLineIndex));
    }

    @Override
    public void layer(SessionId viewer, Feed feed, int layer) {
        Handle handle = require(viewer, feed);
        try {
            handle.janus().message(handle.id(), Videoroom.layer(handle.videoMids(), layer), null, true);
        } catch (JanusException e) {
            throw Videoroom.unavailable(feed.name(), e);
        }
    }

    @Override
    public Optional<Leg> leg(SessionId session, String name) {
        return Optional.ofNullable(handles.get(session, name)).map(Handle::leg);
    }

    @Override
    public void stop(SessionId session, Leg leg) {
        Handle handle = handles.remove(session, leg);
        if (handle != null) {
            release(handle);
        }
    }

    /**
     * Lets go of a handle on Janus: the room of a feed published on its own goes with it, so
     * Janus keeps no room of a stream that ended (again later if Janus does not answer now); a
     * conference's stays for its other members ({@link #dropRoom} ends it).
     */
    private void release(Handle handle) {
        JanusConnection janus = handle.janus();
        if (handle.ownRoom()) {
            try {
                janus.message(handle.id(), Videoroom.destroy(handle.room().name()), null, false);
            } catch (JanusException e) {
                LOG.log(Level.DEBUG, "destroying room {0}: {1}; trying again", handle.room(), e.getMessage());
                reapLater(handle.room(), janus.url());
            }
        }
        janus.detach(handle.id());
    }

    /** Destroys {@code room} on the Janus at {@code url} off this thread, through whatever connection there is by then. */
    private void reapLater(MediaRoom room, URI url) {
        reaper.destroy(room.name(), () -> connections.connected(url));
    }

    @Override
    public void record(SessionId publisher, Feed feed, Optional<String> base) {
        Handle handle = require(publisher, feed);
        try {
            handle.janus().message(handle.id(), Videoroom.record(base), null, true);
        } catch (JanusException e) {
            throw Videoroom.unavailable(feed.name(), e);
        }
    }

    /** From Janus's Admin API ({@code handle_info}) on the handle that serves the leg. */
    @Override
    public Optional<LegStats> stats(SessionId session, Leg leg) {
        Handle handle = handles.get(session, leg.name());
        if (handle == null) {
            return Optional.empty();
        }
        if (!admin.configured()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE,
                    "Janus's Admin API is not configured (signalbox.media.janus.admin-secret)");
        }
        try {
            return Optional.of(JanusAdmin.stats(admin.handleInfo(handle.janus().url(), handle.janus().session(), handle.id())));
        } catch (JanusException e) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, "no figures of " + leg.name() + ": " + e.getMessage());
        }
    }

    @Override
    public Handles handles() {
        return handles.byRole();
    }

    private long attach(JanusConnection janus, Leg leg) {
        try {
            return janus.attach(Videoroom.PLUGIN);
        } catch (JanusException e) {
            throw Videoroom.unavailable(leg.name(), e);
        }
    }

    private void remember(Handle handle) {
        Handle previous = handles.put(handle);
        if (previous != null) {
            previous.janus().detach(previous.id());
        }
    }

    private Handle require(SessionId session, Leg leg) {
        Handle handle = handles.get(session, leg.name());
        if (handle == null) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, session + " has no media on " + leg);
        }
        return handle;
    }

    private static List<String> names(List<Feed> feeds) {
        return feeds.stream().map(Feed::name).toList();
    }
}
