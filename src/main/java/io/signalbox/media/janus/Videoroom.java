package io.signalbox.media.janus;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.MediaServer.Offer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The videoroom plugin's vocabulary: the requests Signalbox sends it, what it reads from its
 * answers (offers, the streams a subscription carries), and its error codes in the catalogue's
 * words.
 */
final class Videoroom {
    static final String PLUGIN = "janus.plugin.videoroom";
    /** Janus's videoroom codes: no such room, room exists, no such feed, too many publishers. */
    static final int NO_SUCH_ROOM = 426;
    static final int ROOM_EXISTS = 427;
    static final int NO_SUCH_FEED = 428;
    static final int TOO_MANY_PUBLISHERS = 432;

    private static final JsonProvider JSON = JsonProvider.provider();

    private Videoroom() {
    }

    /** A room listed by Janus's {@code list} (to holders of the API secret alone), so an admin, and the tests, can ask Janus which rooms Signalbox holds. */
    static JsonObject create(String room, int publishers) {
        return request("create").add("room", room).add("publishers", publishers).add("is_private", false).build();
    }

    static JsonObject destroy(String room) {
        return request("destroy").add("room", room).build();
    }

    static JsonObject publisherJoin(String room, String feed) {
        return request("joinandconfigure").add("room", room).add("ptype", "publisher").add("id", feed).add("display", feed).build();
    }

    static JsonObject subscriberJoin(String room, List<String> feeds) {
        var list = JSON.createArrayBuilder();
        feeds.forEach(feed -> list.add(JSON.createObjectBuilder().add("feed", feed)));
        return request("join").add("room", room).add("ptype", "subscriber").add("streams", list).build();
    }

    /** Janus's {@code update} of a subscription: the step's streams to subscribe and to unsubscribe. */
    static JsonObject update(SubscriptionPlan step) {
        JsonObjectBuilder body = request("update");
        if (!step.add().isEmpty()) {
            body.add("subscribe", streams(step.add()));
        }
        if (!step.drop().isEmpty()) {
            body.add("unsubscribe", streams(step.drop()));
        }
        return body.build();
    }

    /** Sends nothing on any of the subscription's sections (a placeholder held so the connection comes up). */
    static JsonObject sendNothing(JsonObject attached) {
        var streams = JSON.createArrayBuilder();
        attached.getJsonArray("streams").stream().map(JsonValue::asJsonObject).filter(s -> s.containsKey("mid"))
                .forEach(s -> streams.add(JSON.createObjectBuilder().add("mid", s.getString("mid")).add("send", false)));
        return request("configure").add("streams", streams).build();
    }

    /** Sends simulcast layer {@code layer} (0 the highest) on each of these video sections. */
    static JsonObject layer(List<String> videoMids, int layer) {
        var streams = JSON.createArrayBuilder();
        videoMids.forEach(mid -> streams.add(JSON.createObjectBuilder().add("mid", mid).add("substream", layer)));
        return request("configure").add("streams", streams).build();
    }

    static JsonObject start() {
        return request("start").build();
    }

    static JsonObject listParticipants(String room) {
        return request("listparticipants").add("room", room).build();
    }

    static JsonObject jsep(String type, String sdp) {
        return JSON.createObjectBuilder().add("type", type).add("sdp", sdp).build();
    }

    /** A publisher's new offer for the feed it publishes (an ICE restart, once Janus sees new credentials in it). */
    static JsonObject configure() {
        return request("configure").build();
    }

    /**
     * Starts recording a publisher's tracks, each to {@code <base>-<audio|video>-<index>.mjr}
     * ({@code base} a path), or, with none, stops: Janus closes the files.
     */
    static JsonObject record(java.util.Optional<String> base) {
        JsonObjectBuilder request = request("configure").add("record", base.isPresent());
        base.ifPresent(path -> request.add("filename", path));
        return request.build();
    }

    /** One candidate for Janus's {@code trickle}; a null {@code candidate} is the end of them ({@code completed}). */
    static JsonObject trickle(String candidate, String mid, Integer mLineIndex) {
        if (candidate == null) {
            return JSON.createObjectBuilder().add("completed", true).build();
        }
        var trickled = JSON.createObjectBuilder().add("candidate", candidate);
        if (mid != null) {
            trickled.add("sdpMid", mid);
        }
        if (mLineIndex != null) {
            trickled.add("sdpMLineIndex", mLineIndex);
        }
        return trickled.build();
    }

    /** Janus's offer and, from its list of the subscription's streams, Ant Media's track id of each media section. */
    static Offer offerOf(JsonObject event) {
        Map<String, String> idMapping = new LinkedHashMap<>();
        for (JsonValue stream : event.getJsonArray("streams")) {
            JsonObject s = stream.asJsonObject();
            if (s.containsKey("feed_id") && s.getBoolean("active", true) && !"data".equals(s.getString("type", ""))) {
                idMapping.put(s.getString("mid"), Offer.trackId(s.getString("type", ""), s.getString("feed_id")));
            }
        }
        return new Offer(event.getJsonObject("jsep").getString("sdp"), idMapping);
    }

    /** What a subscription carries now, as Janus lists its streams. */
    static List<JanusHandles.Carried> carriedIn(JsonObject event) {
        return event.getJsonArray("streams").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.containsKey("feed_id") && s.getBoolean("active", true))
                .map(s -> new JanusHandles.Carried(s.getString("feed_id"), s.getString("type", ""), s.getString("feed_mid", null)))
                .toList();
    }

    /** The video sections of a subscription Janus just made. */
    static List<String> videoMids(JsonObject attached) {
        List<String> mids = new ArrayList<>();
        for (JsonValue stream : attached.getJsonArray("streams")) {
            JsonObject s = stream.asJsonObject();
            if ("video".equals(s.getString("type", ""))) {
                mids.add(s.getString("mid"));
            }
        }
        return List.copyOf(mids);
    }

    /** Janus's event {@code data}, if it is a videoroom's. */
    static JsonObject data(JsonObject event) {
        JsonObject plugin = event.getJsonObject("plugindata");
        return plugin == null ? null : plugin.getJsonObject("data");
    }

    /** Whether Janus no longer has the feed or room a subscription asked for (it left meanwhile). */
    static boolean gone(JanusException e) {
        return e.code == NO_SUCH_FEED || e.code == NO_SUCH_ROOM;
    }

    /** Janus not reached, or refusing in a way no client can mend: media_server_unavailable, naming what was asked for. */
    static SignalingException unavailable(String name, JanusException e) {
        return new SignalingException(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, name + ": " + e.getMessage());
    }

    private static JsonObjectBuilder request(String request) {
        return JSON.createObjectBuilder().add("request", request);
    }

    private static JsonArray streams(List<SubscriptionPlan.Stream> streams) {
        var list = JSON.createArrayBuilder();
        for (SubscriptionPlan.Stream stream : streams) {
            var one = JSON.createObjectBuilder().add("feed", stream.feed());
            if (stream.mid() != null) {
                one.add("mid", stream.mid());
            }
            list.add(one);
        }
        return list.build();
    }
}
