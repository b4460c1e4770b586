package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Encoder settings (protocol section 8) with a server ladder set through MicroProfile Config. */
@ExtendWith(ArquillianExtension.class)
class EncodingIT {
    static final String LADDER = "[{\"height\":720,\"videoBitrate\":2000000,\"audioBitrate\":128000},"
            + "{\"height\":360,\"videoBitrate\":800000,\"audioBitrate\":64000}]";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.encoder.settings=" + LADDER);
    }

    @Test
    void thePublisherIsHandedTheLadder() {
        String s = Ids.unique("ladder");
        try (SignalingClient publisher = SignalingClient.connect()) {
            publisher.send(Messages.publish(s));
            JsonObject started = publisher.awaitNotification("publish_started");
            assertEquals(Json.createReader(new java.io.StringReader(LADDER)).readArray(),
                    started.getJsonArray("encoderSettings"));
        }
    }

    @Test
    void getStreamInfoListsTheLadder() {
        String s = Ids.unique("info");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            StreamsIT.publish(publisher, s);
            viewer.send("{\"command\":\"getStreamInfo\",\"streamId\":\"" + s + "\"}");
            JsonObject info = viewer.awaitMessage("streamInformation");
            assertEquals(s, info.getString("streamId"));
            JsonArray rungs = info.getJsonArray("streamInfo");
            assertEquals(Json.createObjectBuilder().add("streamHeight", 720).add("videoBitrate", 2_000_000)
                    .add("audioBitrate", 128_000).build(), rungs.getJsonObject(0));
            assertEquals(360, rungs.getJsonObject(1).getInt("streamHeight"));
        }
    }

    @Test
    void aViewersQualityRequestReachesThePublisherForThatViewer() {
        String s = Ids.unique("force");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            StreamsIT.publish(publisher, s);
            String sub = StreamsIT.play(publisher, viewer, s);
            viewer.send(force(s, 360));
            assertEquals(Json.createObjectBuilder().add("command", "notification").add("definition", "resolutionChangeInfo")
                    .add("streamId", s).add("streamHeight", 360).build(), viewer.awaitNotification("resolutionChangeInfo"));
            assertEquals(Json.createObjectBuilder().add("command", "forceStreamQuality").add("streamId", s)
                    .add("subscriberId", sub).add("streamHeight", 360).build(), publisher.awaitMessage("forceStreamQuality"));
            viewer.send(force(s, 0));
            viewer.awaitNotification("resolutionChangeInfo");
            assertEquals(0, publisher.awaitMessage("forceStreamQuality").getInt("streamHeight"));
        }
    }

    @Test
    void aHeightNoRungHasIsNoEncoderSettings() {
        String s = Ids.unique("no-rung");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            StreamsIT.publish(publisher, s);
            StreamsIT.play(publisher, viewer, s);
            viewer.send(force(s, 480));
            assertEquals(Messages.error("no_encoder_settings", ErrorDefinition.NO_ENCODER_SETTINGS.message(), s),
                    viewer.awaitError("no_encoder_settings"));
            publisher.assertNothingPending();
        }
    }

    @Test
    void askingForQualityWithoutPlayingIsNoPeerAssociatedBefore() {
        String s = Ids.unique("not-playing");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient stranger = SignalingClient.connect()) {
            StreamsIT.publish(publisher, s);
            stranger.send(force(s, 360));
            stranger.awaitError("no_peer_associated_before");
            publisher.assertNothingPending();
        }
    }

    @Test
    void infoOrQualityForAStreamNobodyPublishesIsNoStreamExist() {
        String s = Ids.unique("nobody");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"getStreamInfo\",\"streamId\":\"" + s + "\"}");
            assertEquals(Messages.error("no_stream_exist", ErrorDefinition.NO_STREAM_EXIST.message(), s),
                    client.awaitError("no_stream_exist"));
            client.send(force(s, 360));
            client.awaitError("no_stream_exist");
        }
    }

    static String force(String s, int height) {
        return "{\"command\":\"forceStreamQuality\",\"streamId\":\"" + s + "\",\"streamHeight\":" + height + "}";
    }
}
