package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.stream.StreamId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rooms (protocol section 7): membership answers, pushes to every member, and clean-up. */
@ExtendWith(ArquillianExtension.class)
class RoomsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void threeMembersEachLearnOfTheOthersByAnswerOrPush() {
        String room = Ids.unique("room");
        String sa = "a-" + room;
        String sb = "b-" + room;
        String sc = "c-" + room;
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient c = SignalingClient.connect()) {
            JsonObject first = joinRoom(a, room, sa);
            assertEquals(Json.createObjectBuilder().add("command", "notification").add("definition", "joinedTheRoom")
                    .add("streamId", sa).add("room", room).add("streams", Json.createArrayBuilder())
                    .add("streamList", Json.createArrayBuilder()).build(), first);

            JsonObject second = joinRoom(b, room, sb);
            assertEquals(List.of(sa), second.getJsonArray("streams").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(Json.createObjectBuilder().add("streamId", sa).add("streamName", "name of " + sa)
                    .add("metaData", "meta").build(), second.getJsonArray("streamList").getJsonObject(0));
            assertEquals(joined(room, sb), a.awaitNotification("streamJoined"));

            JsonObject third = joinRoom(c, room, sc);
            assertEquals(List.of(sa, sb), third.getJsonArray("streams").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(joined(room, sc), a.awaitNotification("streamJoined"));
            assertEquals(joined(room, sc), b.awaitNotification("streamJoined"));

            a.send(Messages.getRoomInfo(room));
            JsonObject info = a.awaitMessage("roomInformation");
            assertEquals(room, info.getString("room"));
            assertEquals(List.of(sa, sb, sc), info.getJsonArray("streams").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(3, info.getJsonArray("streamList").size());

            b.send(Messages.leaveFromRoom(room));
            assertEquals(Json.createObjectBuilder().add("command", "notification").add("definition", "leavedFromRoom")
                    .add("room", room).build(), b.awaitNotification("leavedFromRoom"));
            assertEquals(pushed("streamLeaved", room, sb), a.awaitNotification("streamLeaved"));
            assertEquals(pushed("streamLeaved", room, sb), c.awaitNotification("streamLeaved"));

            c.abort();
            assertEquals(pushed("streamLeaved", room, sc), a.awaitNotification("streamLeaved"));
            a.assertNothingPending();
            b.assertNothingPending();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonObject idle = Server.registries();
            assertEquals(0, idle.getInt("rooms"), idle::toString);
            assertEquals(0, idle.getInt("sessions"), idle::toString);
        });
    }

    /** Ant Media's conference player plays the room's id; under mesh there is nothing on the server to play. */
    @Test
    void playingARoomUnderMeshIsRefusedNamingTheRoom() {
        String room = Ids.unique("meshconf");
        try (SignalingClient a = SignalingClient.connect()) {
            joinRoom(a, room, "a-" + room);
            a.send(Json.createObjectBuilder(Messages.play(room)).add("room", room)
                    .add("trackList", Json.createArrayBuilder().add("!a-" + room)).build());
            assertEquals(Messages.expectedError("media_server_required", room, room), a.awaitError("media_server_required"));
            for (String command : List.of("getTrackList", "getSubtracks", "getSubtracksCount")) {
                a.send(Json.createObjectBuilder().add("command", command).add("streamId", room).build());
                assertEquals(Messages.expectedError("media_server_required", room, null), a.awaitError("media_server_required"));
            }
            a.send(Json.createObjectBuilder().add("command", "enableTrack").add("streamId", room).add("trackId", "a-" + room)
                    .add("enabled", false).build());
            assertEquals(Messages.expectedError("media_server_required", room, null), a.awaitError("media_server_required"));
            a.send(Json.createObjectBuilder().add("command", "setMaxVideoTrackCountCommand").add("streamId", room)
                    .add("maxTrackCount", 2).build());
            assertEquals(Messages.expectedError("media_server_required", room, null), a.awaitError("media_server_required"));
            a.send(Json.createObjectBuilder().add("command", "getVideoTrackAssignmentsCommand").add("streamId", room).build());
            assertEquals(Messages.expectedError("media_server_required", room, null), a.awaitError("media_server_required"));
            a.send(Json.createObjectBuilder().add("command", "updateVideoTrackAssignmentsCommand").add("streamId", room)
                    .add("offset", 0).add("size", 2).build());
            assertEquals(Messages.expectedError("media_server_required", room, null), a.awaitError("media_server_required"));
            a.send(Json.createObjectBuilder().add("command", "assignVideoTrackCommand").add("streamId", "a-" + room)
                    .add("videoTrackId", "a-" + room).add("enabled", true).build());
            assertEquals(Messages.expectedError("media_server_required", "a-" + room, null), a.awaitError("media_server_required"));
            a.send(Messages.getRoomInfo(room));
            assertEquals(List.of("a-" + room), a.awaitMessage("roomInformation").getJsonArray("streams")
                    .getValuesAs(jakarta.json.JsonString::getString));
            JsonObject registries = Server.registries();
            assertEquals(0, registries.getInt("viewers"), registries::toString);
            assertEquals(0, registries.getInt("conferencePlayers"), registries::toString);
            a.assertNothingPending();
        }
    }

    @Test
    void joiningWithoutAStreamIdGetsAGeneratedOne() {
        String room = Ids.unique("generated");
        try (SignalingClient a = SignalingClient.connect()) {
            a.send(Messages.joinRoom(room, null));
            String generated = a.awaitNotification("joinedTheRoom").getString("streamId");
            assertTrue(StreamId.RULE.matcher(generated).matches(), generated);
        }
    }

    @Test
    void infoOnAnEmptyRoomListsNothing() {
        String room = Ids.unique("empty");
        try (SignalingClient a = SignalingClient.connect()) {
            a.send(Messages.getRoomInfo(room));
            assertEquals(Json.createObjectBuilder().add("command", "roomInformation").add("room", room)
                    .add("streams", Json.createArrayBuilder()).add("streamList", Json.createArrayBuilder()).build(),
                    a.awaitMessage("roomInformation"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"joinRoom", "leaveFromRoom", "getRoomInfo"})
    void aRoomCommandWithoutRoomIsNoRoomSpecified(String command) {
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"" + command + "\"}");
            assertEquals(expected("no_room_specified", null, null), client.awaitError("no_room_specified"));
            client.send("{\"command\":\"" + command + "\",\"room\":\"\",\"streamId\":\"s1\"}");
            assertEquals(expected("no_room_specified", "s1", null), client.awaitError("no_room_specified"));
            client.assertNothingPending();
        }
    }

    @Test
    void aRoomOutsideTheRuleIsInvalidStreamNameAndNamesIt() {
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Messages.joinRoom("a room", "s1"));
            assertEquals(expected("invalidStreamName", "s1", "a room"), client.awaitError("invalidStreamName"));
        }
    }

    @Test
    void anotherMembersStreamIdIsStreamIdInUse() {
        String room = Ids.unique("clash");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            joinRoom(a, room, "same-" + room);
            b.send(Messages.joinRoom(room, "same-" + room));
            assertEquals(expected("streamIdInUse", "same-" + room, room), b.awaitError("streamIdInUse"));
            a.assertNothingPending();
        }
    }

    static JsonObject joinRoom(SignalingClient client, String room, String streamId) {
        client.send(Messages.joinRoom(room, streamId));
        JsonObject joined = client.awaitNotification("joinedTheRoom");
        assertEquals(streamId, joined.getString("streamId"));
        return joined;
    }

    /** streamJoined carries the name the member gave ({@code Messages.joinRoom} names each "name of" its stream). */
    private static JsonObject joined(String room, String streamId) {
        return Json.createObjectBuilder().add("command", "notification").add("definition", "streamJoined")
                .add("streamId", streamId).add("streamName", "name of " + streamId).add("room", room).build();
    }

    private static JsonObject pushed(String definition, String room, String streamId) {
        return Json.createObjectBuilder().add("command", "notification").add("definition", definition)
                .add("streamId", streamId).add("room", room).build();
    }

    private static JsonObject expected(String definition, String streamId, String room) {
        return Messages.expectedError(definition, streamId, room);
    }
}
