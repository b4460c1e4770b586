package io.signalbox.signaling.message;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A frame a client sent, decoded: one record per command of protocol section 4, plus
 * {@link Invalid} for a frame that is not one.
 *
 * <p>Field names are the wire names. A {@link MessageHandler} must handle every kind, so adding a
 * command without handling it does not compile.
 */
public sealed interface ClientMessage permits ClientMessage.Ping, ClientMessage.GetIceServerConfig,
        ClientMessage.PushNotification, ClientMessage.Join, ClientMessage.Leave, ClientMessage.TakeConfiguration,
        ClientMessage.PeerMessage, ClientMessage.TakeCandidate, ClientMessage.ReportError, ClientMessage.Publish,
        ClientMessage.Play, ClientMessage.Stop, ClientMessage.JoinRoom, ClientMessage.LeaveFromRoom, ClientMessage.GetRoomInfo,
        ClientMessage.GetStreamInfo, ClientMessage.GetSubscriberCount, ClientMessage.ForceStreamQuality, ClientMessage.Toggle,
        ClientMessage.GetBroadcastObject, ClientMessage.GetSubscribers, ClientMessage.UpdateStreamMetaData,
        ClientMessage.GetDebugInfo, ClientMessage.Invalid, Multitrack {

    /** The command names this server knows, and the record each one binds to. */
    Map<String, Class<? extends ClientMessage>> COMMANDS = Map.ofEntries(
            Map.entry("ping", Ping.class),
            Map.entry("getIceServerConfig", GetIceServerConfig.class),
            Map.entry("registerPushNotificationToken", RegisterPushNotificationToken.class),
            Map.entry("sendPushNotification", SendPushNotification.class),
            Map.entry("join", Join.class),
            Map.entry("leave", Leave.class),
            Map.entry("takeConfiguration", TakeConfiguration.class),
            Map.entry("takeCandidate", TakeCandidate.class),
            Map.entry("reportError", ReportError.class),
            Map.entry("peerMessageCommand", PeerMessage.class),
            Map.entry("publish", Publish.class),
            Map.entry("play", Play.class),
            Map.entry("stop", Stop.class),
            Map.entry("joinRoom", JoinRoom.class),
            Map.entry("leaveFromRoom", LeaveFromRoom.class),
            Map.entry("getRoomInfo", GetRoomInfo.class),
            Map.entry("getStreamInfo", GetStreamInfo.class),
            Map.entry("getSubscriberCount", GetSubscriberCount.class),
            Map.entry("forceStreamQuality", ForceStreamQuality.class),
            Map.entry("getTrackList", Multitrack.GetTrackList.class),
            Map.entry("getSubtracks", Multitrack.GetSubtracks.class),
            Map.entry("getSubtracksCount", Multitrack.GetSubtracksCount.class),
            Map.entry("enableTrack", Multitrack.EnableTrack.class),
            Map.entry("setMaxVideoTrackCountCommand", Multitrack.SetMaxVideoTrackCount.class),
            Map.entry("getVideoTrackAssignmentsCommand", Multitrack.GetVideoTrackAssignments.class),
            Map.entry("assignVideoTrackCommand", Multitrack.AssignVideoTrack.class),
            Map.entry("updateVideoTrackAssignmentsCommand", Multitrack.UpdateVideoTrackAssignments.class),
            Map.entry("toggleVideo", ToggleVideo.class),
            Map.entry("toggleAudio", ToggleAudio.class),
            Map.entry("getBroadcastObject", GetBroadcastObject.class),
            Map.entry("getSubscribers", GetSubscribers.class),
            Map.entry("updateStreamMetaData", UpdateStreamMetaData.class),
            Map.entry("getDebugInfo", GetDebugInfo.class));

    void accept(MessageHandler handler, SessionId from);

    /** Ant Media's SDK sends {@code ""} for an optional field it has no value for; that means absent. */
    static String absentIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The {@code streamId} exactly as sent, for naming it in an error; null when absent. */
    default String streamId() {
        return null;
    }

    /** The {@code room} exactly as sent, for naming it in an error; null when absent. */
    default String room() {
        return null;
    }

    /** What makes this message unusable although every field has its type (for the log), or null. */
    default String problem() {
        return null;
    }

    record Ping() implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.ping(from, this);
        }
    }

    record GetIceServerConfig() implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getIceServerConfig(from, this);
        }
    }

    /** A push notification command: it needs a push provider, which this server does not have; nothing of it is read. */
    sealed interface PushNotification extends ClientMessage {
        @Override
        default void accept(MessageHandler handler, SessionId from) {
            handler.pushNotification(from, this);
        }
    }

    record RegisterPushNotificationToken() implements PushNotification {
    }

    record SendPushNotification() implements PushNotification {
    }

    record Join(String streamId, String mode, Boolean multiPeer, String token) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.join(from, this);
        }
    }

    record Leave(String streamId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.leave(from, this);
        }
    }

    record TakeConfiguration(String streamId, String type, String sdp, String subscriberId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.takeConfiguration(from, this);
        }

        @Override
        public String problem() {
            return ("offer".equals(type) || "answer".equals(type)) && sdp != null ? null
                    : "takeConfiguration needs type offer|answer and sdp";
        }
    }

    /** An application's own message to the other side ({@code peerMessageCommand}): {@code data} is any JSON, passed on as it came. */
    record PeerMessage(String streamId, String definition, jakarta.json.JsonValue data, String subscriberId)
            implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.peerMessage(from, this);
        }
    }

    /** {@code label} is the SDP m-line index; a numeric string is accepted too. */
    record TakeCandidate(String streamId, Integer label, String id, String candidate, String subscriberId)
            implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.takeCandidate(from, this);
        }

        @Override
        public String problem() {
            return label != null && candidate != null ? null : "takeCandidate needs label and candidate";
        }
    }

    /** A peer failed to set a description; {@code definition} names which one. */
    record ReportError(String streamId, String definition, String subscriberId) implements ClientMessage {
        private static final Set<ErrorDefinition> REPORTABLE =
                Set.of(ErrorDefinition.NOT_SET_LOCAL_DESCRIPTION, ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION);

        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.reportError(from, this);
        }

        /** The failure reported, one of {@link #REPORTABLE}. */
        public ErrorDefinition reported() {
            return ErrorDefinition.byWireName(definition).filter(REPORTABLE::contains).orElseThrow();
        }

        @Override
        public String problem() {
            return ErrorDefinition.byWireName(definition).filter(REPORTABLE::contains).isPresent() ? null
                    : "reportError definition must be notSetLocalDescription or notSetRemoteDescription";
        }
    }

    /** {@code metaData} is spelled as the SDK sends it in {@code publish}. */
    record Publish(String streamId, String token, String streamName, String mainTrack, String metaData,
            Boolean video, Boolean audio) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.publish(from, this);
        }
    }

    /**
     * The SDK sends {@code ""} for an absent {@code room} or {@code subscriberId}. Playing a
     * conference, {@code trackList} may name members' streams not to get, each behind a {@code !}
     * (others are ignored: every member comes, as members come and go), and {@code userPublishId}
     * the player's own stream.
     */
    record Play(String streamId, String token, String room, String subscriberId, List<String> trackList,
            String userPublishId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.play(from, this);
        }
    }

    record Stop(String streamId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.stop(from, this);
        }
    }

    /** {@code metadata} is spelled as the SDK sends it in {@code joinRoom}; an absent streamId is generated. */
    record JoinRoom(String room, String streamId, String streamName, String metadata, String mode, String token)
            implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.joinRoom(from, this);
        }
    }

    /** Without a streamId, every stream this session has in the room leaves. */
    record LeaveFromRoom(String room, String streamId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.leaveFromRoom(from, this);
        }
    }

    /** {@code token}: a join token for the room, when joining needs one and the session is not a member. */
    record GetRoomInfo(String room, String streamId, String token) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getRoomInfo(from, this);
        }
    }

    record GetStreamInfo(String streamId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getStreamInfo(from, this);
        }
    }

    record GetSubscriberCount(String streamId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getSubscriberCount(from, this);
        }
    }

    /** {@code streamHeight} 0 asks for automatic quality. */
    record ForceStreamQuality(String streamId, Integer streamHeight) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.forceStreamQuality(from, this);
        }
    }

    /** {@code toggleVideo} or {@code toggleAudio}: a stream's publisher turns its video or audio on or off. */
    sealed interface Toggle extends ClientMessage {
        String trackId();

        Boolean enabled();

        /** Whether this is about video (else audio). */
        boolean video();

        @Override
        default void accept(MessageHandler handler, SessionId from) {
            handler.toggle(from, this);
        }

        @Override
        default String problem() {
            return enabled() != null ? null : "toggleVideo and toggleAudio need enabled";
        }
    }

    /** {@code trackId}: the track turned (Ant Media's SDK sends the stream id for a stream of one track); echoed, not read. */
    record ToggleVideo(String streamId, String trackId, Boolean enabled) implements Toggle {
        @Override
        public boolean video() {
            return true;
        }
    }

    record ToggleAudio(String streamId, String trackId, Boolean enabled) implements Toggle {
        @Override
        public boolean video() {
            return false;
        }
    }

    /** A stream as Ant Media's broadcast object. */
    record GetBroadcastObject(String streamId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getBroadcastObject(from, this);
        }
    }

    /** A page of a stream's viewers: from {@code offset} (0 when absent), at most {@code size} (all when absent or 0). */
    record GetSubscribers(String streamId, Integer offset, Integer size) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getSubscribers(from, this);
        }

        @Override
        public String problem() {
            return (offset == null || offset >= 0) && (size == null || size >= 0) ? null
                    : "getSubscribers needs offset and size of 0 or more";
        }
    }

    /** The publisher's new free-text {@code metaData} for its stream ({@code ""} clears it). */
    record UpdateStreamMetaData(String streamId, String metaData) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.updateStreamMetaData(from, this);
        }

        @Override
        public String problem() {
            return metaData != null ? null : "updateStreamMetaData needs metaData";
        }
    }

    /** What the server holds for this session; {@code streamId} is echoed. */
    record GetDebugInfo(String streamId) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getDebugInfo(from, this);
        }
    }

    /**
     * A frame that could not be decoded into a command, with the {@code streamId} and {@code room}
     * it named, if it got that far, for the error to name them; {@code detail} is for the log only.
     */
    record Invalid(ErrorDefinition definition, String streamId, String room, String detail) implements ClientMessage {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.invalid(from, this);
        }
    }
}
