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
    private final Set<String> carried = Collections.synchronizedSet(new HashSet<>());
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
    public String address() {
        return "fake://sfu";
    }

    @Override
    public void publish(SessionId publisher, String feed, String room, String address) {
        call("publish", feed, publisher);
        carried.add(publisher.value() + "/" + feed);
        held.add(room);
    }

    @Override
    public String offer(SessionId publisher, String feed, String sdp) {
        call("offer", feed, publisher);
        return "answer to " + sdp;
    }

    @Override
    public Offer play(SessionId viewer, String feed, String room, String address) {
        call("play", feed, viewer);
        carried.add(viewer.value() + "/" + feed);
        return new Offer("offer of " + feed, Map.of("0", Offer.trackId("video", feed)));
    }

    @Override
    public Optional<Offer> subscribe(SessionId viewer, String room, String address, List<String> feeds,
            Optional<String> placeholder, List<String> video) {
        call("subscribe", room, viewer);
        carried.add(viewer.value() + "/" + room);
        return feeds.isEmpty() ? Optional.empty() : Optional.of(new Offer("offer of " + feeds, Map.of()));
    }

    @Override
    public void dropRoom(String room, String address) {
        call("dropRoom", room, null);
        held.remove(room);
    }

    @Override
    public void answer(SessionId viewer, String feed, String sdp) {
        call("answer", feed, viewer);
    }

    @Override
    public void candidate(SessionId session, String feed, String mid, Integer mLineIndex, String candidate) {
        call("candidate", feed, session);
    }

    @Override
    public void layer(SessionId viewer, String feed, int layer) {
        call("layer", feed, viewer);
    }

    @Override
    public boolean carries(SessionId session, String feed) {
        return carried.contains(session.value() + "/" + feed);
    }

    @Override
    public void stop(SessionId session, String feed) {
        call("stop", feed, session);
        carried.remove(session.value() + "/" + feed);
        held.remove(feed);
    }

    @Override
    public int handles() {
        return carried.size();
    }

    /** The rooms it holds: a feed's own, or a conference's, until stopped or dropped. */
    public Set<String> rooms() {
        synchronized (held) {
            return Set.copyOf(held);
        }
    }
}
