package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Publish and play, 1 to N without a media server (protocol section 6), over real WebSockets. */
@ExtendWith(ArquillianExtension.class)
class StreamsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aPublisherWithThreeViewersGetsThreeStartsAndEachViewerSeesOnlyItsOwnSignals() {
        String s = Ids.unique("broadcast");
        try (SignalingClient publisher = SignalingClient.connect()) {
            publish(publisher, s);
            List<SignalingClient> viewers = new ArrayList<>();
            List<String> subscribers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    SignalingClient viewer = SignalingClient.connect();
                    viewers.add(viewer);
                    subscribers.add(play(publisher, viewer, s));
                }
                assertEquals(3, new HashSet<>(subscribers).size(), subscribers::toString);

                for (int i = 0; i < 3; i++) {
                    String sdp = Messages.OFFER_SDP.replace("4611731400430051336", "100" + i);
                    publisher.send(Messages.toSubscriber(Messages.configuration(s, "offer", sdp), subscribers.get(i)));
                    publisher.send(Messages.toSubscriber(Messages.candidate(s, i, "candidate:" + i), subscribers.get(i)));
                }
                for (int i = 0; i < 3; i++) {
                    SignalingClient viewer = viewers.get(i);
                    JsonObject offer = viewer.awaitMessage("takeConfiguration");
                    assertEquals(Messages.relayed(Messages.configuration(s, "offer", Messages.OFFER_SDP.replace("4611731400430051336", "100" + i))), offer);
                    assertEquals(Messages.candidate(s, i, "candidate:" + i), viewer.awaitMessage("takeCandidate"));
                    viewer.assertNothingPending();

                    viewer.send(Messages.configuration(s, "answer", Messages.ANSWER_SDP));
                    assertEquals(Messages.relayed(Messages.toSubscriber(Messages.configuration(s, "answer", Messages.ANSWER_SDP), subscribers.get(i))),
                            publisher.awaitMessage("takeConfiguration"));
                    viewer.send(Messages.candidate(s, 0, Messages.CANDIDATE));
                    assertEquals(Messages.toSubscriber(Messages.candidate(s, 0, Messages.CANDIDATE), subscribers.get(i)),
                            publisher.awaitMessage("takeCandidate"));
                }
                publisher.assertNothingPending();
            } finally {
                viewers.forEach(SignalingClient::close);
            }
        }
    }

    @Test
    void withTheDefaultConfigurationThereIsNoLadder() {
        String s = Ids.unique("no-ladder");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publisher.send(Messages.publish(s));
            assertEquals(0, publisher.awaitNotification("publish_started").getJsonArray("encoderSettings").size());
            StreamsIT.play(publisher, viewer, s);
            viewer.send("{\"command\":\"getStreamInfo\",\"streamId\":\"" + s + "\"}");
            assertEquals(expected("no_encoder_settings", s), viewer.awaitError("no_encoder_settings"));
            viewer.send(EncodingIT.force(s, 360));
            assertEquals(expected("no_encoder_settings", s), viewer.awaitError("no_encoder_settings"));
            publisher.assertNothingPending();
        }
    }

    @Test
    void aViewerKeepsTheSubscriberIdItAskedFor() {
        String s = Ids.unique("named");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publish(publisher, s);
            viewer.send(Messages.play(s, "alice"));
            viewer.awaitNotification("play_started");
            assertEquals("alice", publisher.awaitMessage("start").getString("subscriberId"));
        }
    }

    @Test
    void aViewerStoppingTellsThePublisherWhichSubscriberLeft() {
        String s = Ids.unique("viewer-stop");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect();
                SignalingClient other = SignalingClient.connect()) {
            publish(publisher, s);
            String sub = play(publisher, viewer, s);
            play(publisher, other, s);
            viewer.send(Messages.stop(s));
            viewer.awaitNotification("play_finished");
            JsonObject stop = publisher.awaitMessage("stop");
            assertEquals(s, stop.getString("streamId"));
            assertEquals(sub, stop.getString("subscriberId"));
            other.assertNothingPending();
        }
    }

    @Test
    void getSubscriberCountCountsTheViewersOfAStreamForAnyoneAndNoneWhenNobodyPublishesIt() {
        String s = Ids.unique("counted");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient v1 = SignalingClient.connect();
                SignalingClient v2 = SignalingClient.connect(); SignalingClient anyone = SignalingClient.connect()) {
            assertEquals(subscriberCount(s, 0), countOf(anyone, s));
            publish(publisher, s);
            assertEquals(subscriberCount(s, 0), countOf(anyone, s));
            play(publisher, v1, s);
            play(publisher, v2, s);
            assertEquals(subscriberCount(s, 2), countOf(anyone, s));
            assertEquals(subscriberCount(s, 2), countOf(publisher, s));
            v1.send(Messages.stop(s));
            v1.awaitNotification("play_finished");
            assertEquals(subscriberCount(s, 1), countOf(anyone, s));
            anyone.send("{\"command\":\"getSubscriberCount\"}");
            assertEquals(expected("noStreamNameSpecified", null), anyone.awaitError("noStreamNameSpecified"));
            anyone.assertNothingPending();
        }
    }

    private static JsonObject countOf(SignalingClient client, String s) {
        client.send(jakarta.json.Json.createObjectBuilder().add("command", "getSubscriberCount").add("streamId", s).build());
        return client.awaitNotification("subscriberCount");
    }

    private static JsonObject subscriberCount(String s, int count) {
        return jakarta.json.Json.createObjectBuilder().add("command", "notification").add("definition", "subscriberCount")
                .add("streamId", s).add("count", count).build();
    }

    @Test
    void thePublisherStoppingEndsPlayForEveryViewer() {
        String s = Ids.unique("publisher-stop");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient v1 = SignalingClient.connect();
                SignalingClient v2 = SignalingClient.connect()) {
            publish(publisher, s);
            play(publisher, v1, s);
            play(publisher, v2, s);
            publisher.send(Messages.stop(s));
            publisher.awaitNotification("publish_finished");
            for (SignalingClient viewer : List.of(v1, v2)) {
                assertEquals(s, viewer.awaitMessage("stop").getString("streamId"));
                viewer.awaitNotification("play_finished");
            }
            // The stream is free for a new publisher at once.
            try (SignalingClient next = SignalingClient.connect()) {
                publish(next, s);
            }
        }
    }

    @Test
    void aDroppedPublisherEndsPlayAndADroppedViewerIsReported() {
        String s = Ids.unique("dropped");
        SignalingClient publisher = SignalingClient.connect();
        try (SignalingClient viewer = SignalingClient.connect(); SignalingClient leaver = SignalingClient.connect()) {
            publish(publisher, s);
            play(publisher, viewer, s);
            String sub = play(publisher, leaver, s);
            leaver.abort();
            assertEquals(sub, publisher.awaitMessage("stop").getString("subscriberId"));
            publisher.abort();
            viewer.awaitMessage("stop");
            viewer.awaitNotification("play_finished");
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonObject idle = Server.registries();
            assertEquals(0, idle.getInt("publishedStreams"), idle::toString);
            assertEquals(0, idle.getInt("viewers"), idle::toString);
            assertEquals(0, idle.getInt("sessions"), idle::toString);
        });
    }

    @Test
    void publishingAStreamSomeoneElsePublishesIsStreamIdInUse() {
        String s = Ids.unique("taken");
        try (SignalingClient first = SignalingClient.connect(); SignalingClient second = SignalingClient.connect()) {
            publish(first, s);
            second.send(Messages.publish(s));
            assertEquals(expected("streamIdInUse", s), second.awaitError("streamIdInUse"));
            first.assertNothingPending();
        }
    }

    /**
     * A second play or publish from the same session before its stop, as Ant Media answers it: an
     * app that plays on every 'initialized' while Ant Media's SDK plays again after a reconnect
     * would otherwise have the publisher renegotiate with a viewer still answering its first offer.
     */
    @Test
    void playingOrPublishingAgainBeforeStoppingIsAlreadyPlayingOrPublishingAndNobodyIsAskedAgain() {
        String s = Ids.unique("again");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publish(publisher, s);
            String subscriber = play(publisher, viewer, s);
            viewer.send(Messages.play(s));
            assertEquals(expected("already_playing", s), viewer.awaitError("already_playing"));
            publisher.send(Messages.publish(s));
            assertEquals(expected("already_publishing", s), publisher.awaitError("already_publishing"));
            publisher.assertNothingPending();
            viewer.assertNothingPending();
            assertEquals(subscriberCount(s, 1), countOf(viewer, s));
            publisher.send(Messages.toSubscriber(Messages.configuration(s, "offer", Messages.OFFER_SDP), subscriber));
            assertEquals(Messages.relayed(Messages.configuration(s, "offer", Messages.OFFER_SDP)), viewer.awaitMessage("takeConfiguration"));
            viewer.send(Messages.stop(s));
            viewer.awaitNotification("play_finished");
            viewer.send(Messages.play(s));
            viewer.awaitNotification("play_started");
            assertEquals(subscriber, publisher.awaitMessage("stop").getString("subscriberId"));
            assertEquals(subscriber, publisher.awaitMessage("start").getString("subscriberId"));
        }
    }

    @Test
    void playingAStreamNobodyPublishesIsNoStreamExist() {
        String s = Ids.unique("absent");
        try (SignalingClient viewer = SignalingClient.connect()) {
            viewer.send(Messages.play(s));
            assertEquals(expected("no_stream_exist", s), viewer.awaitError("no_stream_exist"));
            viewer.send(Messages.stop(s));
            assertEquals(expected("no_stream_exist", s), viewer.awaitError("no_stream_exist"));
        }
    }

    @Test
    void stoppingAStreamThisSessionHasNoPartInIsNoPeerAssociatedBefore() {
        String s = Ids.unique("not-mine");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient stranger = SignalingClient.connect()) {
            publish(publisher, s);
            stranger.send(Messages.stop(s));
            assertEquals(expected("no_peer_associated_before", s), stranger.awaitError("no_peer_associated_before"));
            publisher.assertNothingPending();
        }
    }

    @Test
    void aPublisherOfferToAnUnknownSubscriberIsNoPeerAssociatedBefore() {
        String s = Ids.unique("unknown-sub");
        try (SignalingClient publisher = SignalingClient.connect()) {
            publish(publisher, s);
            publisher.send(Messages.toSubscriber(Messages.configuration(s, "offer", Messages.OFFER_SDP), "ghost"));
            assertEquals(expected("no_peer_associated_before", s), publisher.awaitError("no_peer_associated_before"));
        }
    }

    @Test
    void aSubscriberIdOutsideTheRuleIsInvalidStreamName() {
        String s = Ids.unique("bad-sub");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publish(publisher, s);
            viewer.send(Messages.play(s, "not allowed"));
            assertEquals(expected("invalidStreamName", s), viewer.awaitError("invalidStreamName"));
            publisher.assertNothingPending();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish", "play", "stop", "getSubscriberCount"})
    void aStreamCommandWithoutStreamIdIsNoStreamNameSpecified(String command) {
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"" + command + "\",\"streamId\":\"\"}");
            assertEquals(expected("noStreamNameSpecified", null), client.awaitError("noStreamNameSpecified"));
        }
    }

    static void publish(SignalingClient publisher, String s) {
        publisher.send(Messages.publish(s));
        publisher.awaitNotification("publish_started");
    }

    /** Plays {@code s} and returns the subscriberId the publisher was given for this viewer. */
    static String play(SignalingClient publisher, SignalingClient viewer, String s) {
        viewer.send(Messages.play(s));
        viewer.awaitNotification("play_started");
        JsonObject start = publisher.awaitMessage("start");
        assertEquals(s, start.getString("streamId"));
        String subscriberId = start.getString("subscriberId");
        assertNotEquals("", subscriberId);
        return subscriberId;
    }

    private static JsonObject expected(String definition, String streamId) {
        return Messages.expectedError(definition, streamId, null);
    }
}
