package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin REST API (protocol section 10) against the real server, good input and bad. */
@ExtendWith(ArquillianExtension.class)
class AdminRestIT {
    private static final String LADDER = "[{\"height\":480,\"videoBitrate\":1000000,\"audioBitrate\":96000}]";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aCreatedBroadcastCanBeReadListedAndDeleted() {
        String s = Ids.unique("rest");
        HttpResponse<String> created = Server.post("/rest/v2/broadcasts/create",
                "{\"streamId\":\"" + s + "\",\"name\":\"Town hall\",\"encoderSettingsList\":" + LADDER + "}");
        assertEquals(200, created.statusCode(), created.body());
        JsonObject expected = Json.createObjectBuilder().add("streamId", s).add("name", "Town hall")
                .add("status", "created")
                .add("encoderSettingsList", Json.createReader(new java.io.StringReader(LADDER)).readArray())
                .add("metaData", "").add("listenerHookURL", "").build();
        assertEquals(expected, Server.json(created));
        assertEquals(expected, Server.json(Server.get("/rest/v2/broadcasts/" + s)));
        assertTrue(Server.getJson("/rest/v2/broadcasts/list/0/1000").asJsonArray().contains(expected));

        HttpResponse<String> deleted = Server.delete("/rest/v2/broadcasts/" + s);
        assertEquals(200, deleted.statusCode());
        assertTrue(Server.json(deleted).getBoolean("success"));
        assertEquals(404, Server.get("/rest/v2/broadcasts/" + s).statusCode());
    }

    @Test
    void aBroadcastWithoutAStreamIdGetsOne() {
        JsonObject created = Server.json(Server.post("/rest/v2/broadcasts/create", "{\"name\":\"anonymous\"}"));
        assertEquals(200, Server.get("/rest/v2/broadcasts/" + created.getString("streamId")).statusCode());
    }

    @Test
    void aRegisteredIdIsAlreadyRegisteredAndChangesNothingAndAnInvalidOneIsInvalidStreamName() {
        String s = Ids.unique("twice");
        HttpResponse<String> first = Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\",\"name\":\"first\"}");
        assertEquals(200, first.statusCode());
        // Nobody publishes it: the clash is with the registration, and says so.
        assertRestError(Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\",\"name\":\"second\"}"),
                409, "already_registered");
        assertEquals("first", Server.json(Server.get("/rest/v2/broadcasts/" + s)).getString("name"), "the registration is unchanged");
        assertRestError(Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"has space\"}"), 400, "invalidStreamName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{\"streamId\":5}", "{\"encoderSettingsList\":{}}",
        "{\"encoderSettingsList\":[{\"height\":-3,\"videoBitrate\":1,\"audioBitrate\":1}]}",
        "{\"encoderSettingsList\":[{\"height\":720}]}"})
    void aBadBroadcastBodyIs400InvalidMessage(String body) {
        assertRestError(Server.post("/rest/v2/broadcasts/create", body), 400, "invalid_message");
    }

    @Test
    void unknownBroadcastsAre404NoStreamExist() {
        String s = Ids.unique("ghost");
        assertRestError(Server.get("/rest/v2/broadcasts/" + s), 404, "no_stream_exist");
        assertRestError(Server.delete("/rest/v2/broadcasts/" + s), 404, "no_stream_exist");
    }

    @Test
    void aRegisteredStreamsOwnLadderIsTheOneItsPublisherAndViewersSee() {
        String s = Ids.unique("own-ladder");
        Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\",\"encoderSettingsList\":" + LADDER + "}");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publisher.send(Messages.publish(s));
            assertEquals(480, publisher.awaitNotification("publish_started").getJsonArray("encoderSettings")
                    .getJsonObject(0).getInt("height"));
            assertEquals("broadcasting", Server.json(Server.get("/rest/v2/broadcasts/" + s)).getString("status"));
            StreamsIT.play(publisher, viewer, s);
            viewer.send("{\"command\":\"getStreamInfo\",\"streamId\":\"" + s + "\"}");
            assertEquals(480, viewer.awaitMessage("streamInformation").getJsonArray("streamInfo")
                    .getJsonObject(0).getInt("streamHeight"));
        }
    }

    @Test
    void deletingALiveStreamEndsItForItsPublisherAndViewers() {
        String s = Ids.unique("delete-live");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient v1 = SignalingClient.connect();
                SignalingClient v2 = SignalingClient.connect()) {
            StreamsIT.publish(publisher, s);
            StreamsIT.play(publisher, v1, s);
            StreamsIT.play(publisher, v2, s);
            assertEquals(200, Server.delete("/rest/v2/broadcasts/" + s).statusCode());
            publisher.awaitNotification("publish_finished");
            for (SignalingClient viewer : java.util.List.of(v1, v2)) {
                viewer.awaitMessage("stop");
                viewer.awaitNotification("play_finished");
            }
            assertEquals(0, Server.registries().getInt("publishedStreams"));
        }
    }

    @Test
    void aRegisteredRoomShowsItsLiveStreams() {
        String room = Ids.unique("rest-room");
        HttpResponse<String> created = Server.post("/rest/v2/rooms", "{\"roomId\":\"" + room + "\"}");
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(Json.createObjectBuilder().add("roomId", room).add("registered", true)
                .add("streams", Json.createArrayBuilder()).build(), Server.json(created));
        assertRestError(Server.post("/rest/v2/rooms", "{\"roomId\":\"" + room + "\"}"), 409, "already_registered");
        try (SignalingClient member = SignalingClient.connect()) {
            RoomsIT.joinRoom(member, room, "m-" + room);
            assertEquals(Json.createArrayBuilder().add("m-" + room).build(),
                    Server.json(Server.get("/rest/v2/rooms/" + room)).getJsonArray("streams"));
        }
    }

    @Test
    void badRoomBodiesAre400() {
        assertRestError(Server.post("/rest/v2/rooms", "{\"roomId\":\"\"}"), 400, "no_room_specified");
        assertRestError(Server.post("/rest/v2/rooms", "{}"), 400, "no_room_specified");
        assertRestError(Server.post("/rest/v2/rooms", "{\"roomId\":\"a b\"}"), 400, "invalidStreamName");
        assertRestError(Server.post("/rest/v2/rooms", "nope"), 400, "invalid_message");
    }

    private static void assertRestError(HttpResponse<String> response, int status, String definition) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Messages.expectedRestError(definition), Server.json(response));
    }
}
