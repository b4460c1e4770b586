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
                .add("metaData", "").add("listenerHookURL", "").add("mp4Enabled", 0).add("webMEnabled", 0).build();
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
        "{\"encoderSettingsList\":[{\"height\":720}]}", "{\"mp4Enabled\":2}", "{\"webMEnabled\":\"yes\"}"})
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

    /** Ant Media's counts and statistics: the registered streams, the live ones and their WebRTC viewers, the rest 0. */
    @Test
    void countsAndStatisticsAnswerAsAntMediasDo() {
        String tag = Ids.unique("stats");
        long registeredBefore = number("/rest/v2/broadcasts/count");
        long liveBefore = number("/rest/v2/broadcasts/active-live-stream-count");
        assertEquals(200, Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + tag + "-a\",\"name\":\"Alpha\"}").statusCode());
        assertEquals(200, Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + tag + "-b\",\"name\":\"Beta\"}").statusCode());
        assertEquals(registeredBefore + 2, number("/rest/v2/broadcasts/count"));
        assertEquals(2, number("/rest/v2/broadcasts/count/" + tag));
        assertEquals(1, number("/rest/v2/broadcasts/count/" + tag.toUpperCase() + "-A"), "the id, in any case");
        assertEquals(1, number("/rest/v2/broadcasts/count/" + "lph"), "the name");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publisher.send(Messages.publish(tag + "-a"));
            publisher.awaitNotification("publish_started");
            viewer.send(Messages.play(tag + "-a"));
            viewer.awaitNotification("play_started");
            assertEquals(liveBefore + 1, number("/rest/v2/broadcasts/active-live-stream-count"));
            assertEquals(statistics(0, 0, 1, 0), Server.getJson("/rest/v2/broadcasts/" + tag + "-a/broadcast-statistics"));
            assertEquals(statistics(0, 0, 0, 0), Server.getJson("/rest/v2/broadcasts/" + tag + "-b/broadcast-statistics"),
                    "registered, not live");
            JsonObject registries = Server.registries();
            assertEquals(Json.createObjectBuilder(statistics(0, 0, registries.getInt("viewers"), 0))
                    .add("activeLiveStreamCount", registries.getInt("publishedStreams")).build(),
                    Server.getJson("/rest/v2/broadcasts/total-broadcast-statistics"));
        }
        assertRestError(Server.get("/rest/v2/broadcasts/" + tag + "-a/webrtc-client-stats/0/10"), 501, "media_server_required");
        assertRestError(Server.request("PUT", "/rest/v2/broadcasts/" + tag + "-a/recording/true", "", TestKeys.caller("a", "admin")),
                501, "media_server_required");
        assertRestError(Server.get("/rest/v2/broadcasts/" + tag + "-none/broadcast-statistics"), 404, "no_stream_exist");
        assertRestError(Server.get("/rest/v2/broadcasts/bad%20id/broadcast-statistics"), 400, "invalidStreamName");
        Server.delete("/rest/v2/broadcasts/" + tag + "-a");
        Server.delete("/rest/v2/broadcasts/" + tag + "-b");
        assertEquals(registeredBefore, number("/rest/v2/broadcasts/count"));
    }

    /**
     * Ant Media's conference rooms: created with an hour from now unless dates are given, read,
     * listed, their streams now in room-info (but the asker's own), deleted; bad input refused by name.
     */
    @Test
    void conferenceRoomsAreCreatedReadListedShownAndDeletedAsAntMediasAre() {
        String room = Ids.unique("conf-room");
        String path = "/rest/v2/broadcasts/conference-rooms";
        long now = java.time.Instant.now().getEpochSecond();
        HttpResponse<String> created = Server.post(path, "{\"roomId\":\"" + room + "\"}");
        assertEquals(200, created.statusCode(), created.body());
        JsonObject view = Server.json(created);
        assertEquals(room, view.getString("roomId"));
        long start = view.getJsonNumber("startDate").longValue();
        assertTrue(Math.abs(start - now) < 60, "starts now: " + view);
        assertEquals(start + 3600, view.getJsonNumber("endDate").longValue(), "an hour, as Ant Media gives");
        assertEquals(Json.createArrayBuilder().build(), view.getJsonArray("roomStreamList"));
        assertEquals("legacy", view.getString("mode"), "mesh");
        assertEquals(view, Server.getJson(path + "/" + room));
        assertTrue(Server.getJson(path + "/list/0/1000").asJsonArray().contains(view));
        assertRestError(Server.post(path, "{\"roomId\":\"" + room + "\"}"), 409, "already_registered");
        try (SignalingClient member = SignalingClient.connect()) {
            RoomsIT.joinRoom(member, room, "m-" + room);
            JsonObject info = Server.getJson(path + "/" + room + "/room-info").asJsonObject();
            assertEquals(Json.createObjectBuilder().add("m-" + room, "name of m-" + room).build(), info.getJsonObject("streamDetailsMap"));
            assertEquals(start, info.getJsonNumber("startDate").longValue());
            assertEquals(Json.createObjectBuilder().build(),
                    Server.getJson(path + "/" + room + "/room-info?streamId=m-" + room).asJsonObject().getJsonObject("streamDetailsMap"),
                    "the asker's own stream left out");
            assertEquals(Json.createArrayBuilder().add("m-" + room).build(), Server.getJson(path + "/" + room).asJsonObject()
                    .getJsonArray("roomStreamList"));
        }
        HttpResponse<String> deleted = Server.delete(path + "/" + room);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertTrue(Server.json(deleted).getBoolean("success"));
        assertRestError(Server.get(path + "/" + room), 404, "no_stream_exist");
        assertRestError(Server.delete(path + "/" + room), 404, "no_stream_exist");
        assertRestError(Server.post(path, "{\"roomId\":\"" + room + "\",\"startDate\":2000,\"endDate\":1000}"), 400, "invalid_message");
        assertRestError(Server.post(path, "{\"roomId\":\"a b\"}"), 400, "invalidStreamName");
        assertRestError(Server.post(path, "nope"), 400, "invalid_message");
        assertRestError(Server.get(path + "/" + room), 404, "no_stream_exist");
    }

    /** A registered room is joined only between its dates: room_not_active_or_expired naming it, and nothing changes. */
    @Test
    void aRoomBeforeOrAfterItsDatesIsRoomNotActiveOrExpiredAndNothingChanges() {
        long now = java.time.Instant.now().getEpochSecond();
        String ended = Ids.unique("conf-ended");
        String coming = Ids.unique("conf-coming");
        String path = "/rest/v2/broadcasts/conference-rooms";
        assertEquals(200, Server.post(path, "{\"roomId\":\"" + ended + "\",\"startDate\":" + (now - 7200) + ",\"endDate\":"
                + (now - 3600) + "}").statusCode());
        assertEquals(200, Server.post(path, "{\"roomId\":\"" + coming + "\",\"startDate\":" + (now + 3600) + "}").statusCode());
        try (SignalingClient member = SignalingClient.connect()) {
            for (String room : new String[] {ended, coming}) {
                member.send(Messages.joinRoom(room, "m-" + room));
                assertEquals(Messages.expectedError("room_not_active_or_expired", "m-" + room, room),
                        member.awaitError("room_not_active_or_expired"));
                assertEquals(Json.createObjectBuilder().build(),
                        Server.getJson(path + "/" + room + "/room-info").asJsonObject().getJsonObject("streamDetailsMap"));
            }
            assertEquals(0, Server.registries().getInt("rooms"), Server.registries()::toString);
            member.send(Messages.publish("after-" + ended));
            member.awaitNotification("publish_started");
        } finally {
            Server.delete(path + "/" + ended);
            Server.delete(path + "/" + coming);
        }
    }

    private static long number(String path) {
        return Server.getJson(path).asJsonObject().getJsonNumber("number").longValue();
    }

    private static JsonObject statistics(int rtmp, int hls, int webRtc, int dash) {
        return Json.createObjectBuilder().add("totalRTMPWatchersCount", rtmp).add("totalHLSWatchersCount", hls)
                .add("totalWebRTCWatchersCount", webRtc).add("totalDASHWatchersCount", dash).build();
    }

    private static void assertRestError(HttpResponse<String> response, int status, String definition) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(Messages.expectedRestError(definition), Server.json(response));
    }
}
