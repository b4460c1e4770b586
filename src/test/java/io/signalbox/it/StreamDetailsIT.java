package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a publisher says of its stream and what anyone may ask of one (protocol section 6b), over
 * real WebSockets: toggles and metadata reach the stream's viewers and its room's other members
 * and nobody else; the broadcast object, the subscriber list and the session's own debug info.
 */
@ExtendWith(ArquillianExtension.class)
class StreamDetailsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void togglesAndMetadataReachTheViewersAndTheRoomAndShowInTheBroadcastObject() {
        String room = Ids.unique("details-room");
        String s = room + "-a";
        try (SignalingClient publisher = SignalingClient.connect();
                SignalingClient viewer = SignalingClient.connect();
                SignalingClient member = SignalingClient.connect();
                SignalingClient stranger = SignalingClient.connect()) {
            RoomsIT.joinRoom(publisher, room, s);
            RoomsIT.joinRoom(member, room, room + "-b");
            publisher.awaitNotification("streamJoined");
            publisher.send(Json.createObjectBuilder(Messages.publish(s)).add("streamName", "Ada's camera")
                    .add("metaData", "{\"topic\":\"maths\"}").build());
            publisher.awaitNotification("publish_started");
            String subscriberId = StreamsIT.play(publisher, viewer, s);

            JsonObject broadcast = broadcastObject(stranger, s);
            assertEquals("broadcasting", broadcast.getString("status"));
            assertEquals("Ada's camera", broadcast.getString("name"));
            assertEquals("{\"topic\":\"maths\"}", broadcast.getString("metaData"));
            assertEquals(1, broadcast.getInt("webRTCViewerCount"));
            assertEquals(true, broadcast.getBoolean("videoEnabled"));

            publisher.send(Json.createObjectBuilder().add("command", "toggleVideo").add("streamId", s).add("trackId", s)
                    .add("enabled", false).build());
            JsonObject toggled = Json.createObjectBuilder().add("command", "notification").add("definition", "videoToggled")
                    .add("streamId", s).add("trackId", s).add("enabled", false).build();
            for (SignalingClient told : List.of(publisher, viewer, member)) {
                assertEquals(toggled, told.awaitNotification("videoToggled"));
            }
            publisher.send(Json.createObjectBuilder().add("command", "toggleAudio").add("streamId", s).add("trackId", "")
                    .add("enabled", false).build());
            for (SignalingClient told : List.of(publisher, viewer, member)) {
                JsonObject audio = told.awaitNotification("audioToggled");
                assertEquals(s, audio.getString("trackId"), "an empty trackId is the stream's own");
            }
            publisher.send(Json.createObjectBuilder().add("command", "updateStreamMetaData").add("streamId", s)
                    .add("metaData", "{\"topic\":\"physics\"}").build());
            for (SignalingClient told : List.of(publisher, viewer, member)) {
                assertEquals("{\"topic\":\"physics\"}", told.awaitNotification("streamMetaDataUpdated").getString("metaData"));
            }
            broadcast = broadcastObject(stranger, s);
            assertEquals("{\"topic\":\"physics\"}", broadcast.getString("metaData"));
            assertEquals(false, broadcast.getBoolean("videoEnabled"));
            assertEquals(false, broadcast.getBoolean("audioEnabled"));

            stranger.send(Json.createObjectBuilder().add("command", "getSubscribers").add("streamId", s).build());
            JsonObject list = stranger.awaitNotification("subscriberList");
            assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("subscriberId", subscriberId)
                    .add("streamId", s).add("type", "play").add("connected", true)).build(), list.getJsonArray("subscriberList"));
            stranger.send(Json.createObjectBuilder().add("command", "getSubscribers").add("streamId", s).add("offset", 1)
                    .add("size", 5).build());
            assertEquals(0, stranger.awaitNotification("subscriberList").getJsonArray("subscriberList").size());

            viewer.send(Json.createObjectBuilder().add("command", "getDebugInfo").add("streamId", s).build());
            JsonObject debug = parse(viewer.awaitNotification("debugInfo").getString("debugInfo"));
            assertEquals(List.of(), strings(debug, "publishes"));
            assertEquals(List.of(s), strings(debug, "plays"));
            assertEquals(List.of(), strings(debug, "rooms"));
            publisher.send(Json.createObjectBuilder().add("command", "getDebugInfo").build());
            debug = parse(publisher.awaitNotification("debugInfo").getString("debugInfo"));
            assertEquals(List.of(s), strings(debug, "publishes"));
            assertEquals(List.of(room + "/" + s), strings(debug, "rooms"));

            for (SignalingClient client : List.of(publisher, viewer, member, stranger)) {
                client.assertNothingPending();
            }
        }
    }

    @Test
    void badInputGetsItsCatalogueErrorAndNobodyElseHearsAnything() {
        String s = Ids.unique("details-bad");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            StreamsIT.publish(publisher, s);
            StreamsIT.play(publisher, viewer, s);
            viewer.send(Json.createObjectBuilder().add("command", "toggleVideo").add("streamId", s).add("enabled", false).build());
            assertEquals(Messages.expectedError("not_publisher", s, null), viewer.awaitError("not_publisher"));
            viewer.send(Json.createObjectBuilder().add("command", "updateStreamMetaData").add("streamId", s).add("metaData", "x").build());
            assertEquals(Messages.expectedError("not_publisher", s, null), viewer.awaitError("not_publisher"));
            publisher.send(Json.createObjectBuilder().add("command", "toggleAudio").add("streamId", s).build());
            assertEquals(Messages.expectedError("invalid_message", s, null), publisher.awaitError("invalid_message"));
            publisher.send(Json.createObjectBuilder().add("command", "toggleAudio").add("streamId", s).add("enabled", "no").build());
            assertEquals(Messages.expectedError("invalid_message", s, null), publisher.awaitError("invalid_message"));
            publisher.send(Json.createObjectBuilder().add("command", "updateStreamMetaData").add("streamId", s).build());
            assertEquals(Messages.expectedError("invalid_message", s, null), publisher.awaitError("invalid_message"));
            publisher.send(Json.createObjectBuilder().add("command", "toggleVideo").add("streamId", s + "-none").add("enabled", true).build());
            assertEquals(Messages.expectedError("no_stream_exist", s + "-none", null), publisher.awaitError("no_stream_exist"));
            publisher.send(Json.createObjectBuilder().add("command", "toggleVideo").add("enabled", true).build());
            assertEquals(Messages.expectedError("noStreamNameSpecified", null, null), publisher.awaitError("noStreamNameSpecified"));
            viewer.send(Json.createObjectBuilder().add("command", "getBroadcastObject").add("streamId", s + "-none").build());
            assertEquals(Messages.expectedError("no_stream_exist", s + "-none", null), viewer.awaitError("no_stream_exist"));
            viewer.send(Json.createObjectBuilder().add("command", "getSubscribers").add("streamId", s).add("offset", -1).build());
            assertEquals(Messages.expectedError("invalid_message", s, null), viewer.awaitError("invalid_message"));
            viewer.send(Json.createObjectBuilder().add("command", "getSubscribers").add("streamId", s).add("size", "all").build());
            assertEquals(Messages.expectedError("invalid_message", s, null), viewer.awaitError("invalid_message"));
            viewer.send(Json.createObjectBuilder().add("command", "getBroadcastObject").build());
            assertEquals(Messages.expectedError("noStreamNameSpecified", null, null), viewer.awaitError("noStreamNameSpecified"));

            JsonObject broadcast = broadcastObject(viewer, s);
            assertEquals("", broadcast.getString("metaData"), "a refused change changes nothing");
            assertEquals(true, broadcast.getBoolean("videoEnabled"));
            assertEquals(true, broadcast.getBoolean("audioEnabled"));
            publisher.assertNothingPending();
            viewer.assertNothingPending();
        }
    }

    private static JsonObject broadcastObject(SignalingClient client, String s) {
        client.send(Json.createObjectBuilder().add("command", "getBroadcastObject").add("streamId", s).build());
        JsonObject answer = client.awaitNotification("broadcastObject");
        assertEquals(s, answer.getString("streamId"));
        JsonObject broadcast = parse(answer.getString("broadcast"));
        assertEquals(s, broadcast.getString("streamId"));
        return broadcast;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(JsonString::getString);
    }
}
