package io.signalbox.media;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A media server for unit tests of the SFU branches: it answers as an SFU does, records each call
 * that would reach it over the network, and fails any such call made while the caller holds a
 * lock of the shared maps. It can refuse the next call, or hold calls on one feed until released,
 * as a stalled media server would.
 */
public final class FakeMediaServer implements MediaServer {
    private final BooleanSupplier holdsLock;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> held = Collections.synchronizedSet(new HashSet<>());
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final Set<String> publishing = ConcurrentHashMap.newKeySet();
    private volatile ErrorDefinition refuseNext;
    private volatile String stalledFeed;
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** {@code holdsLock} says whether the calling thread holds a lock of the shared maps. */
    public FakeMediaServer(BooleanSupplier holdsLock) {
        this.holdsLock = holdsLock;
    }

    /** The calls that reached it, in order, as {@code method feed session}. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Refuses the next call with {@code definition}, as the SFU would (media_server_unavailable...). */
    public void refuseNext(ErrorDefinition definition) {
        refuseNext = definition;
    }

    /** Holds every call on {@code feed} until {@link #resume} (a stalled SFU). */
    public void stall(String feed) {
        stalledFeed = feed;
    }

    /** Waits until a call is held by {@link #stall}. */
    public boolean awaitStalled() throws InterruptedException {
        return stalled.await(5, TimeUnit.SECONDS);
    }

    public void resume() {
        release.countDown();
    }

    private void call(String method, String feed, SessionId session) {
        if (holdsLock.getAsBoolean()) {
            throw new AssertionError(method + " " + feed + " called while a lock of the shared maps is held");
        }
        calls.add(method + " " + feed + (session == null ? "" : " " + session.value()));
        if (feed.equals(stalledFeed)) {
            stalled.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the stalled call on " + feed + " was never resumed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ErrorDefinition refused = refuseNext;
        if (refused != null) {
            refuseNext = null;
            throw new SignalingException(refused, method + " " + feed + " refused by the fake");
        }
    }

    @Override
    public boolean forwards() {
        return true;
    }

    @Override
    public boolean reachable() {
        return true;
    }

    @Override
    public MediaAddress address() {
        return new MediaAddress(java.net.URI.create("fake://sfu"));
    }

    @Override
    public void publish(SessionId publisher, Feed feed, MediaRoom room, MediaAddress at) {
        call("publish", feed.name(), publisher);
        legs.put(publisher.value() + "/" + feed.name(), feed);
        publishing.add(publisher.value() + "/" + feed.name());
        held.add(room.name());
    }

    @Override
    public String offer(SessionId publisher, Feed feed, String sdp) {
        call("offer", feed.name(), publisher);
        return "answer to " + sdp;
    }

    @Override
    public String reoffer(SessionId publisher, Feed feed, String sdp) {
        call("reoffer", feed.name(), publisher);
        return "answer to " + sdp;
    }

    @Override
    public Offer play(SessionId viewer, Feed feed, MediaRoom room, MediaAddress at) {
        call("play", feed.name(), viewer);
        legs.put(viewer.value() + "/" + feed.name(), feed);
        return new Offer("offer of " + feed, Map.of("0", Offer.trackId("video", feed.name())));
    }

    @Override
    public Optional<Offer> subscribe(SessionId viewer, MediaRoom room, MediaAddress at, Subscription wanted) {
        call("subscribe", room.name(), viewer);
        legs.put(viewer.value() + "/" + room.name(), room);
        return wanted.feeds().isEmpty() ? Optional.empty() : Optional.of(new Offer("offer of " + wanted.feeds(), Map.of()));
    }

    @Override
    public void dropRoom(MediaRoom room, MediaAddress at) {
        call("dropRoom", room.name(), null);
        held.remove(room.name());
    }

    @Override
    public void answer(SessionId viewer, Leg leg, String sdp) {
        call("answer", leg.name(), viewer);
    }

    @Override
    public void candidate(SessionId session, Leg leg, String mid, Integer mLineIndex, String candidate) {
        call("candidate", leg.name(), session);
    }

    @Override
    public void layer(SessionId viewer, Feed feed, int layer) {
        call("layer", feed.name(), viewer);
    }

    @Override
    public Optional<Leg> leg(SessionId session, String name) {
        return Optional.ofNullable(legs.get(session.value() + "/" + name));
    }

    @Override
    public void stop(SessionId session, Leg leg) {
        call("stop", leg.name(), session);
        legs.remove(session.value() + "/" + leg.name());
        publishing.remove(session.value() + "/" + leg.name());
        if (leg instanceof Feed) {
            held.remove(leg.name());
        }
    }

    @Override
    public void record(SessionId publisher, Feed feed, Optional<String> base) {
        throw new UnsupportedOperationException("the fake records nothing");
    }

    @Override
    public Optional<LegStats> stats(SessionId session, Leg leg) {
        throw new UnsupportedOperationException("the fake counts no packets");
    }

    @Override
    public Handles handles() {
        long rooms = legs.values().stream().filter(MediaRoom.class::isInstance).count();
        return new Handles(publishing.size(), (int) (legs.size() - publishing.size() - rooms), (int) rooms);
    }

    /** The rooms it holds: a feed's own, or a conference's, until stopped or dropped. */
    public Set<String> rooms() {
        synchronized (held) {
            return Set.copyOf(held);
        }
    }
}
