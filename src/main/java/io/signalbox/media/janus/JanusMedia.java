package io.signalbox.media.janus;

import io.signalbox.concurrent.InOrder;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.MediaConfig;
import io.signalbox.media.MediaEvent;
import io.signalbox.media.MediaServer;
import io.signalbox.media.janus.JanusHandles.Handle;
import io.signalbox.media.janus.JanusHandles.Role;
import io.signalbox.room.RoomsConfig;
import io.signalbox.session.SessionId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Janus SFU as the media plane ({@code signalbox.media.backend=janus}): a stream published on
 * its own is a videoroom of that name, on the Janus of the node its publisher is connected to,
 * with its publisher as the one feed; a conference is one videoroom named by its room, into which
 * every member publishes. Each viewer is a subscriber handle, driven by the viewer's own node,
 * which reaches that Janus by the address the stream or conference records: on one feed, or on
 * every feed of a conference it gets (a multistream subscription). This node's handles are on its
 * own Janus sessions, so Janus's events for them arrive here.
 */
@ApplicationScoped
@Typed(JanusMedia.class)
public class JanusMedia implements MediaServer, JanusConnection.Listener {
    private static final System.Logger LOG = System.getLogger(JanusMedia.class.getName());
    private static final String VIDEOROOM = "janus.plugin.videoroom";
    /** Janus's videoroom codes: no such room, no such feed, room exists. */
    private static final int NO_SUCH_ROOM = 426;
    private static final int NO_SUCH_FEED = 428;
    private static final int ROOM_EXISTS = 427;
    private static final int TOO_MANY_PUBLISHERS = 432;
    /** Janus wants a number of publishers; rooms without a limit get this many. */
    private static final int UNLIMITED_SEATS = 1000;

    @Inject
    MediaConfig config;

    @Inject
    RoomsConfig rooms;

    @Inject
    Event<MediaEvent> events;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Janus's events as media events, in Janus's order, off the socket's thread. */
    private InOrder reports;
    private RoomReaper reaper;

    private final JanusHandles handles = new JanusHandles();
    private JsonProvider json;
    /** This node's own Janus, where the feeds published through this node go. */
    private volatile JanusConnection home;
    /** Other nodes' Janus servers, reached when a viewer here plays a feed there; dropped when lost. */
    private final Map<URI, JanusConnection> others = new ConcurrentHashMap<>();

    /** Connects to this node's Janus; called once at start when the backend is janus. */
    public void start() {
        reports = new InOrder(scheduler, Thread.currentThread().getContextClassLoader());
        reaper = new RoomReaper(scheduler);
        json = JsonProvider.provider();
        home = open(config.janusUrl());
    }

    private JanusConnection open(URI url) {
        JanusConnection janus = new JanusConnection(url, config.janusApiSecret(), config.requestTimeoutMillis(),
                config.maxReconnectMillis(), scheduler, this);
        janus.start();
        return janus;
    }

    @PreDestroy
    void close() {
        if (home != null) {
            home.close();
        }
        others.values().forEach(JanusConnection::close);
    }

    @Override
    public boolean forwards() {
        return true;
    }

    @Override
    public boolean reachable() {
        return home != null && home.isUp();
    }

    @Override
    public String address() {
        return config.janusUrl().toString();
    }

    @Override
    public void publish(SessionId publisher, String feed, String room, String address) {
        JanusConnection janus = at(address, feed);
        long handle = attach(janus, feed);
        try {
            // Listed by Janus's "list" (to holders of the API secret alone), so an admin, and the
            // tests, can ask Janus itself which rooms Signalbox holds.
            int seats = feed.equals(room) ? 1 : rooms.maxParticipants() > 0 ? rooms.maxParticipants() : UNLIMITED_SEATS;
            JsonObject create = json.createObjectBuilder().add("request", "create").add("room", room)
                    .add("publishers", seats).add("is_private", false).build();
            try {
                janus.message(handle, create, null, false);
            } catch (JanusException e) {
                if (e.code != ROOM_EXISTS) {
                    throw e;
                }
            }
        } catch (JanusException e) {
            janus.detach(handle);
            throw unavailable(feed, e);
        }
        remember(new Handle(janus, handle, publisher, feed, room, Role.PUBLISHER, List.of()));
    }

    @Override
    public String offer(SessionId publisher, String feed, String sdp) {
        Handle handle = require(publisher, feed);
        JsonObject body = json.createObjectBuilder().add("request", "joinandconfigure").add("room", handle.room())
                .add("ptype", "publisher").add("id", feed).add("display", feed).build();
        try {
            JsonObject joined = handle.janus().message(handle.id(), body, jsep("offer", sdp), true);
            return joined.getJsonObject("jsep").getString("sdp");
        } catch (JanusException e) {
            if (e.code == TOO_MANY_PUBLISHERS) {
                throw new SignalingException(ErrorDefinition.ROOM_FULL, handle.room() + " has no seat left for " + feed);
            }
            throw new SignalingException(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION, "Janus refused the offer for " + feed + ": " + e.getMessage());
        }
    }

    @Override
    public Offer play(SessionId viewer, String feed, String room, String address) {
        JanusConnection janus = at(address, feed);
        long handle = attach(janus, feed);
        JsonObject attached;
        try {
            attached = janus.message(handle, subscriberJoin(room, List.of(feed)), null, true);
        } catch (JanusException e) {
            janus.detach(handle);
            if (e.code == NO_SUCH_FEED || e.code == NO_SUCH_ROOM) {
                throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, feed + " carries no media yet: " + e.getMessage());
            }
            throw unavailable(feed, e);
        }
        List<String> videoMids = new ArrayList<>();
        for (JsonValue stream : attached.getJsonArray("streams")) {
            JsonObject s = stream.asJsonObject();
            if ("video".equals(s.getString("type", ""))) {
                videoMids.add(s.getString("mid"));
            }
        }
        remember(new Handle(janus, handle, viewer, feed, room, Role.VIEWER, List.copyOf(videoMids)));
        return offerOf(attached);
    }

    /**
     * One subscription per viewer and conference, keyed by the room's name: joined with the first
     * feeds, then changed with Janus's {@code update}, which answers with a new offer at once or,
     * while the viewer's answer to the last one is awaited, sends it later as an event.
     */
    @Override
    public Optional<Offer> subscribe(SessionId viewer, String room, String address, List<String> feeds,
            Optional<String> placeholder, List<String> video) {
        Handle handle = handles.get(viewer, room);
        if (handle != null) {
            return change(handle, feeds, video);
        }
        boolean holding = feeds.isEmpty() && placeholder.isPresent();
        List<String> wanted = holding ? List.of(placeholder.get()) : feeds;
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        Optional<Offer> first = join(viewer, room, address, wanted, holding);
        Handle made = handles.get(viewer, room);
        if (first.isPresent() && made != null && !holding) {
            change(made, feeds, video); // the video left out goes in Janus's next offer
        }
        return first;
    }

    /**
     * Brings a conference subscription to {@code feeds}, with the video of those in {@code video}
     * only: new feeds whole, video taken back by its mid, feeds and video dropped. While
     * Janus still has a change to offer, nothing: the viewer's node asks again once it has.
     */
    private Optional<Offer> change(Handle handle, List<String> feeds, List<String> video) {
        if (handles.awaiting(handle)) {
            return Optional.empty();
        }
        List<JanusHandles.Carried> now = handles.carried(handle);
        List<String> carried = now.stream().map(JanusHandles.Carried::feed).distinct().toList();
        List<String> withVideo = now.stream().filter(c -> "video".equals(c.type())).map(JanusHandles.Carried::feed).toList();
        var add = json.createArrayBuilder();
        var drop = json.createArrayBuilder();
        int adds = 0;
        int drops = 0;
        for (String feed : feeds) {
            if (!carried.contains(feed)) {
                add.add(json.createObjectBuilder().add("feed", feed));
                adds++;
            } else if (video.contains(feed) && !withVideo.contains(feed) && handles.videoMid(handle, feed) != null) {
                add.add(json.createObjectBuilder().add("feed", feed).add("mid", handles.videoMid(handle, feed)));
                adds++;
            }
        }
        for (String feed : carried) {
            if (!feeds.contains(feed)) {
                drop.add(json.createObjectBuilder().add("feed", feed));
                drops++;
            }
        }
        for (JanusHandles.Carried c : now) {
            if ("video".equals(c.type()) && feeds.contains(c.feed()) && !video.contains(c.feed()) && c.feedMid() != null) {
                drop.add(json.createObjectBuilder().add("feed", c.feed()).add("mid", c.feedMid()));
                drops++;
            }
        }
        if (adds == 0 && drops == 0) {
            return Optional.empty();
        }
        if (adds == 0 || drops == 0) {
            return update(handle, add.build(), drop.build());
        }
        // One change after the other: Janus would give the sections it frees to the feeds it adds
        // in the same change, and a browser is told of no new track on a section that stays
        // active, so Ant Media's player would never show those feeds. The second offer follows the
        // viewer's answer to the first, as an event.
        Optional<Offer> first = update(handle, add.build(), JsonValue.EMPTY_JSON_ARRAY);
        update(handle, JsonValue.EMPTY_JSON_ARRAY, drop.build()); // "updating": offered once answered
        return first;
    }

    /** The viewer's first subscription to a conference: its feeds, or, holding, the placeholder with nothing sent. */
    private Optional<Offer> join(SessionId viewer, String room, String address, List<String> wanted, boolean holding) {
        JanusConnection janus = at(address, room);
        long id = attach(janus, room);
        JsonObject attached;
        try {
            attached = janus.message(id, subscriberJoin(room, wanted), null, true);
            if (holding) {
                var streams = json.createArrayBuilder();
                attached.getJsonArray("streams").stream().map(JsonValue::asJsonObject).filter(s -> s.containsKey("mid"))
                        .forEach(s -> streams.add(json.createObjectBuilder().add("mid", s.getString("mid")).add("send", false)));
                janus.message(id, json.createObjectBuilder().add("request", "configure").add("streams", streams).build(), null, true);
            }
        } catch (JanusException e) {
            janus.detach(id);
            if (e.code == NO_SUCH_FEED || e.code == NO_SUCH_ROOM) {
                LOG.log(Level.DEBUG, "{0}: a feed of {1} left meanwhile: {2}", viewer, room, e.getMessage());
                return Optional.empty(); // the feed that left changes the room again, and the viewer's node is told
            }
            throw unavailable(room, e);
        }
        Handle made = new Handle(janus, id, viewer, room, room, Role.CONFERENCE_VIEWER, List.of());
        remember(made);
        handles.carried(made, carriedIn(attached));
        return Optional.of(offerOf(attached));
    }

    /**
     * Adds and drops streams of a conference subscription: Janus's offer at once, or none while it
     * waits for the viewer's answer to its last (it sends it as an event then) or when nothing changed.
     */
    private Optional<Offer> update(Handle handle, JsonArray add, JsonArray drop) {
        var body = json.createObjectBuilder().add("request", "update");
        if (!add.isEmpty()) {
            body.add("subscribe", add);
        }
        if (!drop.isEmpty()) {
            body.add("unsubscribe", drop);
        }
        JsonObject updated;
        try {
            updated = handle.janus().message(handle.id(), body.build(), null, true);
        } catch (JanusException e) {
            if (e.code == NO_SUCH_FEED) {
                LOG.log(Level.DEBUG, "{0}: a feed of {1} left meanwhile: {2}", handle.session(), handle.room(), e.getMessage());
                return Optional.empty();
            }
            throw unavailable(handle.room(), e);
        }
        if ("updating".equals(updated.getString("videoroom", ""))) {
            handles.await(handle);
            return Optional.empty();
        }
        if (!updated.containsKey("jsep")) {
            return Optional.empty(); // nothing changed
        }
        handles.carried(handle, carriedIn(updated));
        return Optional.of(offerOf(updated));
    }

    /** Destroys the room off the caller's thread, and again later if Janus does not answer now. */
    @Override
    public void dropRoom(String room, String address) {
        URI url = URI.create(address);
        reaper.destroy(room, () -> connected(url));
    }

    /** This node's connection to the Janus at {@code url}, as it is now; null when there is none. */
    private JanusConnection connected(URI url) {
        return url.equals(home.url()) ? home : others.get(url);
    }

    private JsonObject subscriberJoin(String room, List<String> feeds) {
        return json.createObjectBuilder().add("request", "join").add("room", room).add("ptype", "subscriber")
                .add("streams", feedList(feeds)).build();
    }

    private JsonArray feedList(List<String> feeds) {
        var list = json.createArrayBuilder();
        feeds.forEach(feed -> list.add(json.createObjectBuilder().add("feed", feed)));
        return list.build();
    }

    /** Janus's offer and, from its list of the subscription's streams, Ant Media's track id of each media section. */
    private Offer offerOf(JsonObject event) {
        Map<String, String> idMapping = new LinkedHashMap<>();
        for (JsonValue stream : event.getJsonArray("streams")) {
            JsonObject s = stream.asJsonObject();
            if (s.containsKey("feed_id") && s.getBoolean("active", true) && !"data".equals(s.getString("type", ""))) {
                idMapping.put(s.getString("mid"), Offer.trackId(s.getString("type", ""), s.getString("feed_id")));
            }
        }
        return new Offer(event.getJsonObject("jsep").getString("sdp"), idMapping);
    }

    /** What a subscription carries now, as Janus lists its streams. */
    private static List<JanusHandles.Carried> carriedIn(JsonObject event) {
        return event.getJsonArray("streams").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.containsKey("feed_id") && s.getBoolean("active", true))
                .map(s -> new JanusHandles.Carried(s.getString("feed_id"), s.getString("type", ""), s.getString("feed_mid", null)))
                .toList();
    }

    @Override
    public void answer(SessionId viewer, String feed, String sdp) {
        Handle handle = require(viewer, feed);
        try {
            handle.janus().message(handle.id(), json.createObjectBuilder().add("request", "start").build(),
                    jsep("answer", sdp), true);
        } catch (JanusException e) {
            throw new SignalingException(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION, "Janus refused the answer for " + feed + ": " + e.getMessage());
        }
    }

    @Override
    public void candidate(SessionId session, String feed, String mid, Integer mLineIndex, String candidate) {
        Handle handle = require(session, feed);
        var trickled = json.createObjectBuilder().add("candidate", candidate);
        if (mid != null) {
            trickled.add("sdpMid", mid);
        }
        if (mLineIndex != null) {
            trickled.add("sdpMLineIndex", mLineIndex);
        }
        handle.janus().trickle(handle.id(), trickled.build());
    }

    @Override
    public void layer(SessionId viewer, String feed, int layer) {
        Handle handle = require(viewer, feed);
        var streams = json.createArrayBuilder();
        handle.videoMids().forEach(mid -> streams.add(json.createObjectBuilder().add("mid", mid).add("substream", layer)));
        JsonObject body = json.createObjectBuilder().add("request", "configure").add("streams", streams).build();
        try {
            handle.janus().message(handle.id(), body, null, true);
        } catch (JanusException e) {
            throw unavailable(feed, e);
        }
    }

    @Override
    public boolean carries(SessionId session, String feed) {
        return handles.get(session, feed) != null;
    }

    @Override
    public void stop(SessionId session, String feed) {
        Handle handle = handles.remove(session, feed);
        if (handle != null) {
            release(handle);
        }
    }

    /**
     * Lets go of a handle on Janus: the room of a feed published on its own goes with it, so
     * Janus keeps no room of a stream that ended; a conference's stays for its other members
     * ({@link #dropRoom} ends it).
     */
    private void release(Handle handle) {
        JanusConnection janus = handle.janus();
        if (handle.ownRoom()) {
            try {
                janus.message(handle.id(), json.createObjectBuilder().add("request", "destroy").add("room", handle.feed()).build(),
                        null, false);
            } catch (JanusException e) {
                LOG.log(Level.DEBUG, "destroying room {0}: {1}; trying again", handle.feed(), e.getMessage());
                URI url = janus.url();
                reaper.destroy(handle.feed(), () -> connected(url));
            }
        }
        janus.detach(handle.id());
    }

    @Override
    public int handles() {
        return handles.size();
    }

    @Override
    public void event(JanusConnection janus, long id, JsonObject event) {
        Handle handle = handles.byId(janus, id);
        if (handle == null) {
            return;
        }
        switch (event.getString("janus", "")) {
            case "webrtcup" -> {
                if (!handle.publisher()) {
                    started(handle);
                }
            }
            case "media" -> {
                if (handle.publisher()) {
                    if (event.getBoolean("receiving", false)) {
                        started(handle);
                    }
                    if ("video".equals(event.getString("type", ""))) {
                        receiving(handle, event);
                    }
                }
            }
            case "hangup" -> ended(handle, "Janus hung up: " + event.getString("reason", ""));
            case "event" -> {
                JsonObject data = event.getJsonObject("plugindata") == null ? null
                        : event.getJsonObject("plugindata").getJsonObject("data");
                if (data != null && (data.containsKey("destroyed") || "destroyed".equals(data.getString("videoroom", "")))) {
                    ended(handle, "the room was destroyed");
                } else if (data != null && "updated".equals(data.getString("videoroom", "")) && event.containsKey("jsep")
                        && handle.role() == Role.CONFERENCE_VIEWER) {
                    // Janus offers again by itself: a feed left, or an update waited for the last answer.
                    JsonObject offered = json.createObjectBuilder(data).add("jsep", event.getJsonObject("jsep")).build();
                    handles.carried(handle, carriedIn(offered));
                    report(new MediaEvent.Offered(handle.session(), handle.feed(), offerOf(offered)));
                }
            }
            default -> {
                // slowlink, detached and the like change nothing here
            }
        }
    }

    @Override
    public void lost(JanusConnection janus, String why) {
        if (janus != home && others.remove(janus.url(), janus)) {
            janus.close(); // another node's Janus: connected again when a viewer here next needs it
        }
        URI url = janus.url();
        handles.clear(janus).forEach(handle -> {
            if (handle.ownRoom()) {
                // Rooms outlive the session that was lost (Janus may only have stalled): destroyed once it answers.
                reaper.destroy(handle.feed(), () -> connected(url));
            }
            report(new MediaEvent.Ended(handle.session(), handle.feed(), handle.publisher(), why));
        });
    }

    /** A layer of a publisher's video (Janus's {@code substream}; none without simulcast) started or stopped coming in. */
    private void receiving(Handle handle, JsonObject event) {
        boolean simulcast = event.containsKey("substream");
        List<Integer> now = handles.layer(handle, simulcast ? event.getInt("substream") : 0, event.getBoolean("receiving", false));
        if (now != null) {
            report(new MediaEvent.Receiving(handle.session(), handle.feed(), now, simulcast));
        }
    }

    /**
     * The Janus at {@code address}: this node's, or another node's, connected on first use and
     * given the request timeout to come up; media_server_unavailable, naming the feed, if it does not.
     */
    private JanusConnection at(String address, String feed) {
        URI url = URI.create(address);
        if (url.equals(home.url())) {
            return home;
        }
        JanusConnection janus = others.computeIfAbsent(url, this::open);
        if (!janus.awaitUp(config.requestTimeoutMillis())) {
            if (others.remove(url, janus)) {
                janus.close();
            }
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE,
                    feed + ": its Janus at " + url + " cannot be reached");
        }
        return janus;
    }

    private void started(Handle handle) {
        if (handles.startFlowing(handle)) {
            report(new MediaEvent.Flowing(handle.session(), handle.feed(), handle.publisher()));
        }
    }

    private void ended(Handle handle, String why) {
        if (handles.remove(handle.session(), handle.feed()) != null) {
            reports.execute(() -> release(handle)); // it waits for Janus's answer: not on the socket's thread
            report(new MediaEvent.Ended(handle.session(), handle.feed(), handle.publisher(), why));
        }
    }

    private void report(MediaEvent event) {
        reports.execute(() -> events.fire(event));
    }

    private long attach(JanusConnection janus, String feed) {
        try {
            return janus.attach(VIDEOROOM);
        } catch (JanusException e) {
            throw unavailable(feed, e);
        }
    }

    private void remember(Handle handle) {
        Handle previous = handles.put(handle);
        if (previous != null) {
            previous.janus().detach(previous.id());
        }
    }

    private Handle require(SessionId session, String feed) {
        Handle handle = handles.get(session, feed);
        if (handle == null) {
            throw new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, session + " has no media on " + feed);
        }
        return handle;
    }

    private JsonObject jsep(String type, String sdp) {
        return json.createObjectBuilder().add("type", type).add("sdp", sdp).build();
    }

    private static SignalingException unavailable(String feed, JanusException e) {
        return new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, feed + ": " + e.getMessage());
    }
}
