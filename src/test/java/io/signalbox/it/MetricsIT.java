package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MicroProfile Metrics on Liberty's {@code /metrics}, read in Prometheus' text format as a
 * scraper would: each gauge follows the registries, and each counter counts what happened.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void gaugesFollowTheRegistriesAndCountersCountMessagesErrorsAndRelays() {
        double joinsBefore = counter("signalbox_messages_in_total", "command=\"join\"");
        double candidatesInBefore = counter("signalbox_messages_in_total", "command=\"takeCandidate\"");
        double candidatesOutBefore = counter("signalbox_messages_out_total", "command=\"takeCandidate\"");
        double invalidBefore = counter("signalbox_messages_in_total", "command=\"invalid\"");
        double errorsBefore = counter("signalbox_errors_total", "definition=\"invalid_message\"");
        double relaysBefore = counter("signalbox_relay_time_seconds_count", null);

        String p2p = Ids.unique("metrics-p2p");
        String live = Ids.unique("metrics-live");
        String room = Ids.unique("metrics-room");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, p2p);
            a.send(Messages.candidate(p2p, 0, "candidate:1"));
            b.awaitMessage("takeCandidate");
            a.send("{\"command\":\"join\",\"streamId\":5}");
            a.awaitError("invalid_message");
            publisher.send(Messages.publish(live));
            publisher.awaitNotification("publish_started");
            viewer.send(Messages.play(live));
            viewer.awaitNotification("play_started");
            publisher.awaitMessage("start");
            publisher.send(Messages.joinRoom(room, Ids.unique("metrics-member")));
            publisher.awaitNotification("joinedTheRoom");

            awaitGauges(Map.of("signalbox_sessions", 4.0, "signalbox_p2p_pairs", 1.0, "signalbox_p2p_streams", 1.0,
                    "signalbox_publishers", 1.0, "signalbox_viewers", 1.0, "signalbox_rooms", 1.0));
            assertEquals(joinsBefore + 2, counter("signalbox_messages_in_total", "command=\"join\""));
            assertEquals(candidatesInBefore + 1, counter("signalbox_messages_in_total", "command=\"takeCandidate\""));
            assertEquals(candidatesOutBefore + 1, counter("signalbox_messages_out_total", "command=\"takeCandidate\""));
            assertEquals(invalidBefore + 1, counter("signalbox_messages_in_total", "command=\"invalid\""));
            assertEquals(errorsBefore + 1, counter("signalbox_errors_total", "definition=\"invalid_message\""));
            assertEquals(relaysBefore + 1, counter("signalbox_relay_time_seconds_count", null));
            assertTrue(sample("signalbox_relay_time_seconds", "quantile=\"0.99\"").isPresent(),
                    "the relay timer publishes percentiles");
        }
        awaitGauges(Map.of("signalbox_sessions", 0.0, "signalbox_p2p_pairs", 0.0, "signalbox_p2p_streams", 0.0,
                "signalbox_publishers", 0.0, "signalbox_viewers", 0.0, "signalbox_rooms", 0.0));
    }

    /**
     * Under mesh the media plane is always there, holds nothing on a media server and calls none
     * for a broadcast (the server's registry outlives a deployment, so a count made before may stay).
     */
    @Test
    void underMeshTheMediaPlaneIsReachableHoldsNoHandlesAndCallsNothing() {
        double calls = Scrape.sum("signalbox_media_call_time_seconds_count");
        String live = Ids.unique("metrics-mesh");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publisher.send(Messages.publish(live));
            publisher.awaitNotification("publish_started");
            viewer.send(Messages.play(live));
            viewer.awaitNotification("play_started");
            awaitGauges(Map.of("signalbox_publishers", 1.0, "signalbox_media_reachable", 1.0, "signalbox_media_publishers", 0.0,
                    "signalbox_media_viewers", 0.0, "signalbox_media_conference_viewers", 0.0));
        }
        assertEquals(calls, Scrape.sum("signalbox_media_call_time_seconds_count"), "no call to a media server");
    }

    /** A REST call refused is counted by its definition, as the WebSocket's errors are. */
    @Test
    void aRefusedRestCallIsCountedByItsDefinition() {
        double before = counter("signalbox_rest_errors_total", "definition=\"no_stream_exist\"");
        assertEquals(404, Server.get("/rest/v2/broadcasts/" + Ids.unique("metrics-none")).statusCode());
        assertEquals(before + 1, counter("signalbox_rest_errors_total", "definition=\"no_stream_exist\""));
    }

    private static void awaitGauges(Map<String, Double> expected) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (Map.Entry<String, Double> gauge : expected.entrySet()) {
                OptionalDouble value = sample(gauge.getKey(), null);
                assertTrue(value.isPresent(), () -> gauge.getKey() + " is not published");
                assertEquals(gauge.getValue(), value.getAsDouble(), gauge::getKey);
            }
        });
    }

    private static double counter(String name, String label) {
        return Scrape.counter(name, label);
    }

    private static OptionalDouble sample(String name, String label) {
        return Scrape.sample(name, label);
    }
}
