package io.signalbox.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.cluster.LocalMaps;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.FakeMediaServer;
import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publish, play and stop through the media server, against a fake one that fails
 * any call made while a lock of the shared maps is held: what the service decides, what it asks
 * the media server, how it undoes a refusal, and that one stalled stream holds up no other.
 */
class SfuStreamServiceTest {
    private StreamService cut;
    private final LocalMaps maps = new LocalMaps();
    private final FakeMediaServer media = new FakeMediaServer(maps::holdsLock);
    private final SessionId publisher = new SessionId("p");
    private final SessionId member = new SessionId("m");
    private final SessionId viewer = new SessionId("v");
    private final StreamId s = new StreamId("s");
    private static final StreamDetails DETAILS = new StreamDetails("s", "", true, true, 0);

    /** Publishing here names no conference: nothing may seat one. */
    private static final ConferenceSeats NO_CONFERENCES = new ConferenceSeats() {
        @Override
        public Seat seat(String room, StreamId feed) {
            throw new AssertionError("no conference here");
        }

        @Override
        public void left(String room, StreamId feed) {
            throw new AssertionError("no conference here");
        }
    };

    @BeforeEach
    void wire() {
        cut = Streams.through(maps, media, NO_CONFERENCES);
    }

    @AfterEach
    void nothingIsLeftOnceEveryoneLeft() {
        media.resume();
        for (SessionId session : List.of(publisher, member, viewer)) {
            cut.release(session);
        }
        assertEquals(0, cut.publishedCount());
        assertEquals(0, cut.involvedSessionCount());
        assertEquals(0, maps.lockNames(), "locks left behind");
        assertEquals(Set.of(), media.rooms(), "rooms held on the media server");
        assertEquals(0, media.handles().total(), "handles held on the media server");
    }

    @Test
    void publishAsksTheMediaServerForTheFeedInItsOwnRoomAndStopLetsItGo() {
        StreamService.Published published = cut.publish(publisher, s, Optional.empty(), DETAILS);
        assertTrue(published.viaMediaServer());
        assertEquals(Set.of("s"), media.rooms());
        cut.stop(publisher, s);
        assertEquals(List.of("publish s p", "stop s p"), media.calls());
    }

    @Test
    void aPublishTheMediaServerRefusesLeavesNoBroadcast() {
        media.refuseNext(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE);
        SignalingException refused = assertThrows(SignalingException.class,
                () -> cut.publish(publisher, s, Optional.empty(), DETAILS));
        assertEquals(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, refused.definition());
        assertEquals(0, cut.publishedCount());
        assertEquals(Optional.empty(), cut.broadcast(s));
        // The stream is free again at once.
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        assertEquals(1, cut.publishedCount());
    }

    @Test
    void playGetsTheMediaServersOfferAndARefusedPlayLeavesNoViewer() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        StreamService.Viewing viewing = cut.play(viewer, s, Optional.empty());
        assertEquals("offer of s", viewing.offer().orElseThrow().sdp());
        cut.stop(viewer, s);
        media.refuseNext(ErrorDefinition.NO_STREAM_EXIST);
        assertEquals(ErrorDefinition.NO_STREAM_EXIST,
                assertThrows(SignalingException.class, () -> cut.play(viewer, s, Optional.empty())).definition());
        assertEquals(0, cut.viewerCount());
        assertEquals(List.of("publish s p", "play s v", "stop s v", "play s v", "stop s v"), media.calls());
    }

    @Test
    void whenThePublisherStopsItsViewersAreNamedForTheirOwnNodesToLetGo() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(viewer, s, Optional.empty());
        Stopped.Unpublished ended = (Stopped.Unpublished) cut.stop(publisher, s);
        assertEquals(List.of(viewer), List.copyOf(ended.viewers().values()));
        // The viewer's subscription is let go of on its own node (SessionDirectory.changeMedia), not here.
        assertEquals(List.of("publish s p", "play s v", "stop s p"), media.calls());
        media.stop(viewer, new io.signalbox.media.Feed("s"));
    }

    @Test
    void aStalledMediaServerCallOnOneStreamHoldsUpNoOtherStream() throws Exception {
        media.stall("slow");
        // Threads of its own: the common pool may have a single thread on a 2-core machine, which the stalled call holds.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<StreamService.Published> stalled = CompletableFuture.supplyAsync(
                () -> cut.publish(member, new StreamId("slow"), Optional.empty(), DETAILS), threads);
        assertTrue(media.awaitStalled(), "the first publish reached the media server");
        // While it waits: another stream is published, played and stopped, and the stalled one is
        // already known, so a second publisher of it is refused at once.
        CompletableFuture.runAsync(() -> {
            cut.publish(publisher, s, Optional.empty(), DETAILS);
            cut.play(viewer, s, Optional.empty());
            cut.stop(viewer, s);
            cut.stop(publisher, s);
            assertEquals(ErrorDefinition.STREAM_ID_IN_USE, assertThrows(SignalingException.class,
                    () -> cut.publish(publisher, new StreamId("slow"), Optional.empty(), DETAILS)).definition());
        }, threads).get(5, TimeUnit.SECONDS);
        assertEquals(false, stalled.isDone());
        media.resume();
        assertEquals(new StreamId("slow"), stalled.get(5, TimeUnit.SECONDS).stream());
        cut.stop(member, new StreamId("slow"));
        threads.shutdown();
    }

}
