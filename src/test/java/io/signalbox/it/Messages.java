package io.signalbox.it;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Client frames as Ant Media's SDK builds them, for the integration tests. */
public final class Messages {
    public static final String OFFER_SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\n";
    public static final String ANSWER_SDP = OFFER_SDP.replace("4611731400430051336", "1234567890").replace("sendrecv", "recvonly");
    public static final String CANDIDATE =
            "candidate:842163049 1 udp 1677729535 192.0.2.7 46154 typ srflx raddr 10.0.0.2 rport 46154 generation 0";

    private Messages() {
    }

    public static JsonObject join(String streamId) {
        return Json.createObjectBuilder().add("command", "join").add("streamId", streamId)
                .add("multiPeer", false).add("mode", "both").build();
    }

    public static JsonObject publish(String streamId) {
        return Json.createObjectBuilder().add("command", "publish").add("streamId", streamId).add("token", "")
                .add("subscriberId", "").add("subscriberCode", "").add("streamName", "").add("mainTrack", "")
                .add("video", true).add("audio", true).add("metaData", "").add("role", "").build();
    }

    public static JsonObject play(String streamId) {
        return play(streamId, "");
    }

    public static JsonObject play(String streamId, String subscriberId) {
        return Json.createObjectBuilder().add("command", "play").add("streamId", streamId).add("token", "")
                .add("room", "").add("trackList", Json.createArrayBuilder()).add("subscriberId", subscriberId)
                .add("subscriberCode", "").add("viewerInfo", "").add("role", "").add("userPublishId", "").build();
    }

    public static JsonObject stop(String streamId) {
        return Json.createObjectBuilder().add("command", "stop").add("streamId", streamId).build();
    }

    /** A takeConfiguration as the server relays it: as it came, with an empty idMapping (protocol section 5). */
    public static JsonObject relayed(JsonObject configuration) {
        return Json.createObjectBuilder(configuration).add("idMapping", Json.createObjectBuilder()).build();
    }

    /** A relayed message as a publisher sends it to one viewer. */
    public static JsonObject toSubscriber(JsonObject message, String subscriberId) {
        return Json.createObjectBuilder(message).add("subscriberId", subscriberId).build();
    }

    public static JsonObject leave(String streamId) {
        return Json.createObjectBuilder().add("command", "leave").add("streamId", streamId).build();
    }

    public static JsonObject configuration(String streamId, String type, String sdp) {
        return Json.createObjectBuilder().add("command", "takeConfiguration").add("streamId", streamId)
                .add("type", type).add("sdp", sdp).build();
    }

    public static JsonObject candidate(String streamId, int label, String candidate) {
        return Json.createObjectBuilder().add("command", "takeCandidate").add("streamId", streamId)
                .add("label", label).add("id", String.valueOf(label)).add("candidate", candidate).build();
    }

    public static JsonObject reportError(String streamId, String definition) {
        return Json.createObjectBuilder().add("command", "reportError").add("streamId", streamId)
                .add("definition", definition).build();
    }

    public static JsonObject joinRoom(String room, String streamId) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("command", "joinRoom").add("room", room)
                .add("mainTrack", room);
        if (streamId != null) {
            b.add("streamId", streamId);
        }
        return b.add("mode", "multitrack").add("streamName", "name of " + streamId).add("role", "")
                .add("metadata", "meta").build();
    }

    public static JsonObject leaveFromRoom(String room) {
        return Json.createObjectBuilder().add("command", "leaveFromRoom").add("room", room).build();
    }

    public static JsonObject getRoomInfo(String room) {
        return Json.createObjectBuilder().add("command", "getRoomInfo").add("room", room).build();
    }

    /** The exact error payload for {@code definition}, with the catalogue's sentence. */
    public static JsonObject expectedError(String definition, String streamId, String room) {
        return error(definition, ErrorDefinition.byWireName(definition).orElseThrow().message(), streamId, room);
    }

    /** The body of a refused REST call: the definition and the catalogue's sentence. */
    public static JsonObject expectedRestError(String definition) {
        return Json.createObjectBuilder().add("definition", definition)
                .add("message", ErrorDefinition.byWireName(definition).orElseThrow().message()).build();
    }

    /** The exact error payload the protocol documents for {@code definition}. */
    public static JsonObject error(String definition, String message, String streamId) {
        return error(definition, message, streamId, null);
    }

    public static JsonObject error(String definition, String message, String streamId, String room) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("command", "error").add("error", definition)
                .add("definition", definition).add("message", message);
        if (streamId != null) {
            b.add("streamId", streamId);
        }
        if (room != null) {
            b.add("room", room);
        }
        return b.build();
    }
}
