package io.signalbox.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.signalbox.cluster.LocalMaps;
import io.signalbox.encoding.Encodings;
import io.signalbox.media.MeshMedia;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamServiceTest {
    private final StreamService cut = new StreamService();
    private final SessionId publisher = new SessionId("p");
    private final SessionId v1 = new SessionId("v1");
    private final SessionId v2 = new SessionId("v2");
    private final StreamId s = new StreamId("s");
    private static final StreamDetails DETAILS = new StreamDetails("s", "", true, true, 0);

    @BeforeEach
    void limitViewersToTwo() {
        cut.config = new StreamsConfig();
        cut.config.maxViewers = 2;
        cut.config.allowUnregistered = true;
        cut.registry = new StreamRegistry();
        cut.registry.config = cut.config;
        cut.store = new BroadcastStore();
        cut.store.maps = new LocalMaps();
        cut.registry.maps = cut.store.maps;
        cut.media = new MeshMedia();
        cut.quality = new StreamQuality();
        cut.quality.store = cut.store;
        cut.quality.registry = cut.registry;
        cut.quality.encoding = Encodings.withServerLadder(List.of());
        cut.quality.media = cut.media;
    }

    @Test
    void viewersGetTheirRequestedIdOrTheirSessionId() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        assertEquals("v1", cut.play(v1, s, Optional.empty()).subscriberId());
        // v2 asks for "v1", which is taken, and falls back to its own session id.
        StreamService.Viewing second = cut.play(v2, s, Optional.of(new SubscriberId("v1")));
        assertEquals(List.of("v2", publisher, v2), List.of(second.subscriberId(), second.publisher(), second.viewer()));
    }

    @Test
    void aRequestedIdInUseFallsBackToTheSessionId() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.of(new SubscriberId("mine")));
        assertEquals("v2", cut.play(v2, s, Optional.of(new SubscriberId("mine"))).subscriberId());
    }

    @Test
    void routesViewerMessagesToThePublisherTaggedAndPublisherMessagesToOneViewer() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.of(new SubscriberId("a")));
        cut.play(v2, s, Optional.of(new SubscriberId("b")));
        assertEquals(Optional.of(new StreamService.Route(publisher, "b")), cut.route(v2, s, null));
        assertEquals(Optional.of(new StreamService.Route(v1, null)), cut.route(publisher, s, "a"));
        assertEquals(Optional.empty(), cut.route(new SessionId("stranger"), s, null));
        assertEquals(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                assertThrows(SignalingException.class, () -> cut.route(publisher, s, "nobody")).definition());
    }

    @Test
    void theViewerLimitHolds() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.empty());
        cut.play(v2, s, Optional.empty());
        assertEquals(ErrorDefinition.VIEWER_LIMIT_REACHED,
                assertThrows(SignalingException.class, () -> cut.play(new SessionId("v3"), s, Optional.empty())).definition());
    }

    @Test
    void zeroMeansNoViewerLimit() {
        cut.config.maxViewers = 0;
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        for (int i = 0; i < 50; i++) {
            cut.play(new SessionId("v" + i), s, Optional.empty());
        }
        assertEquals(50, cut.viewerCount());
    }

    @Test
    void aSecondPlayOrPublishBySameSessionIsAlreadyPlayingOrPublishingAndChangesNothing() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.empty());
        assertEquals(ErrorDefinition.ALREADY_PLAYING,
                assertThrows(SignalingException.class, () -> cut.play(v1, s, Optional.of(new SubscriberId("other")))).definition());
        assertEquals(ErrorDefinition.ALREADY_PUBLISHING,
                assertThrows(SignalingException.class, () -> cut.publish(publisher, s, Optional.empty(), DETAILS)).definition());
        assertEquals(1, cut.viewerCount());
        assertEquals(Optional.of(new StreamService.Route(publisher, "v1")), cut.route(v1, s, null));
        cut.stop(v1, s);
        assertEquals("other", cut.play(v1, s, Optional.of(new SubscriberId("other"))).subscriberId());
    }

    @Test
    void aSecondPublisherIsStreamIdInUseAndPlayingNothingIsNoStreamExist() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        assertEquals(ErrorDefinition.STREAM_ID_IN_USE,
                assertThrows(SignalingException.class, () -> cut.publish(v1, s, Optional.empty(), DETAILS)).definition());
        assertEquals(ErrorDefinition.NO_STREAM_EXIST,
                assertThrows(SignalingException.class, () -> cut.play(v1, new StreamId("t"), Optional.empty())).definition());
    }

    @Test
    void onlyThePublisherChangesWhatItSaysOfItsStreamAndTheDetailsGoWithTheStream() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.empty());
        StreamService.Described described = cut.describe(publisher, s, d -> d.metaData("{\"x\":1}").video(false));
        assertEquals(new StreamDetails("s", "{\"x\":1}", false, true, 0), described.details());
        assertEquals(List.of(v1), described.viewers());
        assertEquals(ErrorDefinition.NOT_PUBLISHER,
                assertThrows(SignalingException.class, () -> cut.describe(v1, s, d -> d.audio(false))).definition());
        assertEquals(Optional.of(described.details()), cut.details(s), "a refused change changes nothing");
        assertEquals(ErrorDefinition.NO_STREAM_EXIST,
                assertThrows(SignalingException.class, () -> cut.describe(publisher, new StreamId("t"), d -> d)).definition());
        cut.stop(publisher, s);
        assertEquals(Optional.empty(), cut.details(s));
    }

    @Test
    void releasingThePublisherEndsTheStreamForEveryViewerAndEmptiesTheRegistry() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.empty());
        cut.play(v2, s, Optional.empty());
        Stopped.Unpublished ended = (Stopped.Unpublished) cut.release(publisher).get(0);
        assertEquals(java.util.Set.of(v1, v2), java.util.Set.copyOf(ended.viewers().values()));
        assertEquals(0, cut.publishedCount());
        assertEquals(List.of(), cut.release(v1));
        assertEquals(0, cut.involvedSessionCount());
    }

    @Test
    void onlyRegisteredStreamsArePublishedWhenUnregisteredOnesAreNotAllowed() {
        cut.config.allowUnregistered = false;
        assertEquals(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS,
                assertThrows(SignalingException.class, () -> cut.publish(publisher, s, Optional.empty(), DETAILS)).definition());
        cut.registry.register(new StreamRegistry.Registration(s, "S", List.of(), null, null));
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        assertEquals(1, cut.publishedCount());
    }

    @Test
    void terminatingEndsTheStreamForItsPublisherAndViewers() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.empty());
        Stopped.Unpublished ended = cut.terminate(s).orElseThrow();
        assertEquals(java.util.Map.of("v1", v1), ended.viewers());
        assertEquals(publisher, ended.publisher());
        assertEquals(Optional.empty(), cut.terminate(s));
        assertEquals(0, cut.involvedSessionCount());
    }

    @Test
    void releasingAViewerTellsThePublisherWhichSubscriberLeft() {
        cut.publish(publisher, s, Optional.empty(), DETAILS);
        cut.play(v1, s, Optional.of(new SubscriberId("x")));
        Stopped.Unplayed left = (Stopped.Unplayed) cut.release(v1).get(0);
        assertEquals(List.of("x", publisher, v1), List.of(left.subscriberId(), left.publisher(), left.viewer()));
        assertEquals(0, cut.viewerCount());
        assertEquals(1, cut.publishedCount());
    }
}
