package io.signalbox.signaling.message;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.encoding.EncoderSetting;
import io.signalbox.ice.IceServers;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A frame the server sends (protocol section 2): one record per shape, null fields left out.
 */
public sealed interface ServerMessage {

    /** The {@code command} field every frame starts with. */
    String command();

    /** A bare command: {@code pong}, {@code start}, {@code stop}. */
    @JsonbPropertyOrder({"command", "streamId", "subscriberId"})
    record Signal(String command, String streamId, String subscriberId) implements ServerMessage {
        public static Signal pong() {
            return new Signal("pong", null, null);
        }

        public static Signal start(String streamId, String subscriberId) {
            return new Signal("start", streamId, subscriberId);
        }

        public static Signal stop(String streamId, String subscriberId) {
            return new Signal("stop", streamId, subscriberId);
        }
    }

    /**
     * {@code {"command":"notification","definition":...}}; a room's members come with
     * {@code joinedTheRoom}, a new member's stream name with {@code streamJoined}.
     */
    @JsonbPropertyOrder({"command", "definition", "streamId", "streamName", "room", "streams", "streamList"})
    record Notification(String command, String definition, String streamId, String streamName, String room,
            List<String> streams, List<RoomStream> streamList) implements ServerMessage {
        public static Notification of(Notice event, String streamId) {
            return new Notification("notification", event.wireName(), streamId, null, null, null, null);
        }

        public static Notification ofRoom(Notice event, String room, String streamId) {
            return new Notification("notification", event.wireName(), streamId, null, room, null, null);
        }

        public static Notification streamJoined(String room, String streamId, String streamName) {
            return new Notification("notification", Notice.STREAM_JOINED.wireName(), streamId, streamName, room, null,
                    null);
        }

        public static Notification joinedTheRoom(String room, String streamId, List<RoomStream> others) {
            return new Notification("notification", Notice.JOINED_THE_ROOM.wireName(), streamId, null, room,
                    others.stream().map(RoomStream::streamId).toList(), others);
        }
    }

    /**
     * The answer to {@code getIceServerConfig}: Ant Media's three fields, which its SDK reads (the
     * TURN server when there is one, else the STUN server), and every server as RTCIceServers.
     */
    @JsonbPropertyOrder({"command", "stunServerUri", "turnServerUsername", "turnServerCredential", "iceServers"})
    record IceServerConfig(String command, String stunServerUri, String turnServerUsername, String turnServerCredential,
            List<IceServers.IceServer> iceServers) implements ServerMessage {
        public static IceServerConfig of(List<IceServers.IceServer> servers) {
            IceServers.IceServer first = servers.stream().filter(s -> s.username() != null).findFirst()
                    .orElse(servers.isEmpty() ? null : servers.get(0));
            return first == null ? new IceServerConfig("iceServerConfig", null, null, null, servers)
                    : new IceServerConfig("iceServerConfig", first.urls(), first.username(), first.credential(), servers);
        }
    }

    /** {@code {"command":"notification","definition":"subscriberCount","streamId","count"}}: how many play a stream. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "count"})
    record SubscriberCount(String command, String definition, String streamId, Integer count) implements ServerMessage {
        public static SubscriberCount of(String streamId, int count) {
            return new SubscriberCount("notification", Notice.SUBSCRIBER_COUNT.wireName(), streamId, count);
        }
    }

    /** {@code subtrackCount}: how many tracks a conference has, Ant Media's {@code count} field. */
    record SubtrackCount(String command, String definition, String streamId, Integer count) implements ServerMessage {
        public static SubtrackCount of(String streamId, int count) {
            return new SubtrackCount("notification", Notice.SUBTRACK_COUNT.wireName(), streamId, count);
        }
    }

    /** One track of a conference: its member's stream, whether media flows in it, and its conference (Ant Media's broadcast fields). */
    @JsonbPropertyOrder({"streamId", "status", "mainTrackStreamId"})
    record Subtrack(String streamId, String status, String mainTrackStreamId) {
    }

    /**
     * One video a conference's player gets: the label it shows under ({@code ARDAMSv} and the
     * label name the section in {@code idMapping}) and the member stream it carries; with the
     * media server each member's video has a section of its own, named by the member.
     */
    @JsonbPropertyOrder({"videoLabel", "trackId"})
    record VideoTrackAssignment(String videoLabel, String trackId) {
    }

    /** {@code videoTrackAssignmentList}: the members whose video a conference's player gets, Ant Media's {@code payload}. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "payload"})
    record VideoTrackAssignmentList(String command, String definition, String streamId, List<VideoTrackAssignment> payload)
            implements ServerMessage {
        public static VideoTrackAssignmentList of(String streamId, List<String> members) {
            return new VideoTrackAssignmentList("notification", Notice.VIDEO_TRACK_ASSIGNMENT_LIST.wireName(), streamId,
                    members.stream().map(member -> new VideoTrackAssignment(member, member)).toList());
        }
    }

    /** {@code broadcastObject}: a stream in the shape of Ant Media's broadcast, as a JSON string, as Ant Media sends it. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "broadcast"})
    record BroadcastObject(String command, String definition, String streamId, String broadcast) implements ServerMessage {
        public static BroadcastObject of(String streamId, String broadcast) {
            return new BroadcastObject("notification", Notice.BROADCAST_OBJECT.wireName(), streamId, broadcast);
        }
    }

    /** One viewer of a stream, Ant Media's subscriber fields. */
    @JsonbPropertyOrder({"subscriberId", "streamId", "type", "connected"})
    record Subscriber(String subscriberId, String streamId, String type, Boolean connected) {
    }

    /** {@code subscriberList}: a page of a stream's viewers. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "subscriberList"})
    record SubscriberList(String command, String definition, String streamId, List<Subscriber> subscriberList)
            implements ServerMessage {
        public static SubscriberList of(String streamId, List<String> subscriberIds) {
            return new SubscriberList("notification", Notice.SUBSCRIBER_LIST.wireName(), streamId,
                    subscriberIds.stream().map(id -> new Subscriber(id, streamId, "play", true)).toList());
        }
    }

    /** {@code streamMetaDataUpdated}: what a stream's publisher now says of it, to its viewers and its rooms' members. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "metaData"})
    record MetaDataUpdated(String command, String definition, String streamId, String metaData) implements ServerMessage {
        public static MetaDataUpdated of(String streamId, String metaData) {
            return new MetaDataUpdated("notification", Notice.STREAM_META_DATA_UPDATED.wireName(), streamId, metaData);
        }
    }

    /** {@code videoToggled} / {@code audioToggled}: a publisher turned its video or audio on or off. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "trackId", "enabled"})
    record Toggled(String command, String definition, String streamId, String trackId, Boolean enabled) implements ServerMessage {
        public static Toggled of(Notice event, String streamId, String trackId, boolean enabled) {
            return new Toggled("notification", event.wireName(), streamId, trackId, enabled);
        }
    }

    /** {@code debugInfo}: what the server holds for the asking session, as a JSON string. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "debugInfo"})
    record DebugInfo(String command, String definition, String streamId, String debugInfo) implements ServerMessage {
        public static DebugInfo of(String streamId, String debugInfo) {
            return new DebugInfo("notification", Notice.DEBUG_INFO.wireName(), streamId, debugInfo);
        }
    }

    /** {@code subtrackList}: a page of a conference's tracks. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "subtrackList"})
    record SubtrackList(String command, String definition, String streamId, List<Subtrack> subtrackList) implements ServerMessage {
        public static SubtrackList of(String streamId, List<Subtrack> tracks) {
            return new SubtrackList("notification", Notice.SUBTRACK_LIST.wireName(), streamId, List.copyOf(tracks));
        }
    }

    /** {@code trackList}: the tracks of a conference, by its members' stream ids. */
    @JsonbPropertyOrder({"command", "streamId", "trackList"})
    record TrackList(String command, String streamId, List<String> trackList) implements ServerMessage {
        public static TrackList of(String streamId, List<String> tracks) {
            return new TrackList("trackList", streamId, List.copyOf(tracks));
        }
    }

    /**
     * {@code start} to a publisher through the media server: it offers now, sending the ladder's
     * rungs as simulcast layers (Ant Media's SDK reads only {@code command} and {@code streamId}).
     */
    @JsonbPropertyOrder({"command", "streamId", "encoderSettings"})
    record StartPublishing(String command, String streamId, List<EncoderSetting> encoderSettings) implements ServerMessage {
        public static StartPublishing of(String streamId, List<EncoderSetting> ladder) {
            return new StartPublishing("start", streamId, ladder.isEmpty() ? null : ladder);
        }
    }

    /** {@code publish_started}, handing the publisher its encoder ladder (section 8). */
    @JsonbPropertyOrder({"command", "definition", "streamId", "encoderSettings"})
    record PublishStarted(String command, String definition, String streamId, List<EncoderSetting> encoderSettings)
            implements ServerMessage {
        public static PublishStarted of(String streamId, List<EncoderSetting> ladder) {
            return new PublishStarted("notification", Notice.PUBLISH_STARTED.wireName(), streamId, ladder);
        }
    }

    /** The answer to {@code getStreamInfo}: the stream's ladder. */
    @JsonbPropertyOrder({"command", "streamId", "streamInfo"})
    record StreamInformation(String command, String streamId, List<StreamInfo> streamInfo) implements ServerMessage {
        public static StreamInformation of(String streamId, List<EncoderSetting> ladder) {
            return new StreamInformation("streamInformation", streamId, ladder.stream()
                    .map(s -> new StreamInfo(s.height(), s.videoBitrate(), s.audioBitrate())).toList());
        }
    }

    /** One rung as {@code streamInformation} lists it. */
    @JsonbPropertyOrder({"streamHeight", "videoBitrate", "audioBitrate"})
    record StreamInfo(Integer streamHeight, Integer videoBitrate, Integer audioBitrate) {
    }

    /** {@code forceStreamQuality} forwarded to the publisher, naming the viewer it is for. */
    @JsonbPropertyOrder({"command", "streamId", "subscriberId", "streamHeight"})
    record ForceQuality(String command, String streamId, String subscriberId, Integer streamHeight)
            implements ServerMessage {
        public static ForceQuality of(String streamId, String subscriberId, int streamHeight) {
            return new ForceQuality("forceStreamQuality", streamId, subscriberId, streamHeight);
        }
    }

    /** {@code resolutionChangeInfo}, telling a viewer which height it asked for. */
    @JsonbPropertyOrder({"command", "definition", "streamId", "streamHeight"})
    record ResolutionChange(String command, String definition, String streamId, Integer streamHeight)
            implements ServerMessage {
        public static ResolutionChange of(String streamId, int streamHeight) {
            return new ResolutionChange("notification", Notice.RESOLUTION_CHANGE_INFO.wireName(), streamId, streamHeight);
        }
    }

    /** One stream of a room as listings show it. */
    @JsonbPropertyOrder({"streamId", "streamName", "metaData"})
    record RoomStream(String streamId, String streamName, String metaData) {
    }

    /** The answer to {@code getRoomInfo}. */
    @JsonbPropertyOrder({"command", "room", "streams", "streamList"})
    record RoomInformation(String command, String room, List<String> streams, List<RoomStream> streamList)
            implements ServerMessage {
        public static RoomInformation of(String room, List<RoomStream> members) {
            return new RoomInformation("roomInformation", room, members.stream().map(RoomStream::streamId).toList(),
                    members);
        }
    }

    /**
     * The error payload: {@code error} and {@code definition} always carry the same name; the
     * stream and room are named when the request had them (an empty string is not one).
     */
    @JsonbPropertyOrder({"command", "error", "definition", "message", "streamId", "room"})
    record Error(String command, String error, String definition, String message, String streamId, String room)
            implements ServerMessage {
        public static Error of(ErrorDefinition definition, String streamId, String room) {
            return new Error("error", definition.wireName(), definition.wireName(), definition.message(),
                    ClientMessage.absentIfEmpty(streamId), ClientMessage.absentIfEmpty(room));
        }
    }

    /**
     * An SDP offer or answer on its way to the other peer, or from the media server; an offer
     * from the media server says which stream each media section (by mid) carries.
     */
    @JsonbPropertyOrder({"command", "streamId", "type", "sdp", "subscriberId", "idMapping"})
    record Configuration(String command, String streamId, String type, String sdp, String subscriberId,
            Map<String, String> idMapping) implements ServerMessage {
        /**
         * A description relayed as it came, with an empty {@code idMapping}: Ant Media's SDK reads
         * {@code idMapping[streamId][mid]} on every track when the app gave no remoteVideoId, and
         * without one its track handler throws and no newStreamAvailable comes.
         */
        public static Configuration relay(String streamId, String type, String sdp, String subscriberId) {
            return new Configuration("takeConfiguration", streamId, type, sdp, subscriberId, Map.of());
        }

        public static Configuration fromMediaServer(String streamId, String type, String sdp, Map<String, String> idMapping) {
            return new Configuration("takeConfiguration", streamId, type, sdp, null, idMapping);
        }
    }

    /** A {@code peerMessageCommand} relayed: the sender's definition and data as they came. */
    @JsonbPropertyOrder({"command", "streamId", "definition", "data", "subscriberId"})
    record PeerMessage(String command, String streamId, String definition, jakarta.json.JsonValue data, String subscriberId)
            implements ServerMessage {
        public static PeerMessage relay(String streamId, String definition, jakarta.json.JsonValue data, String subscriberId) {
            return new PeerMessage("peerMessageCommand", streamId, definition, data, subscriberId);
        }
    }

    /** An ICE candidate on its way to the other peer. */
    @JsonbPropertyOrder({"command", "streamId", "label", "id", "candidate", "subscriberId"})
    record Candidate(String command, String streamId, Integer label, String id, String candidate, String subscriberId)
            implements ServerMessage {
        public static Candidate relay(String streamId, Integer label, String id, String candidate,
                String subscriberId) {
            return new Candidate("takeCandidate", streamId, label, id, candidate, subscriberId);
        }
    }
}
