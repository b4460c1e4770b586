package io.signalbox.error;

import java.util.Arrays;
import java.util.Optional;

/**
 * The error catalogue: every definition the server sends or the SDK raises, each with its wire
 * name and the one sentence a client is shown.
 */
public enum ErrorDefinition {
    // The seven definitions of Ant Media's documentation, spelled as it spells them.
    NO_STREAM_NAME_SPECIFIED("noStreamNameSpecified", Side.SERVER,
            "This command needs a streamId and none was given."),
    NOT_ALLOWED_UNREGISTERED_STREAMS("not_allowed_unregistered_streams", Side.SERVER,
            "This stream or room is not registered, and this server only accepts registered ones."),
    NO_ROOM_SPECIFIED("no_room_specified", Side.SERVER,
            "This command needs a room and none was given."),
    UNAUTHORIZED_ACCESS("unauthorized_access", Side.SERVER,
            "A valid token for this stream or room and this action is required."),
    NO_ENCODER_SETTINGS("no_encoder_settings", Side.SERVER,
            "No encoder settings match this stream or request."),
    NO_PEER_ASSOCIATED_BEFORE("no_peer_associated_before", Side.SERVER,
            "This session has no peer on this stream: join, publish or play it first."),
    NOT_SET_LOCAL_DESCRIPTION("notSetLocalDescription", Side.SERVER,
            "The other peer could not set its local session description."),

    // Extensions, named as Ant Media names them where it has a name.
    INVALID_MESSAGE("invalid_message", Side.SERVER,
            "The message is not a JSON object with a string command and fields of the documented types."),
    UNKNOWN_COMMAND("unknown_command", Side.SERVER,
            "This server does not know that command."),
    INVALID_STREAM_NAME("invalidStreamName", Side.SERVER,
            "Identifiers are 1 to 128 characters of letters, digits, '_', '.' and '-'."),
    STREAM_ID_IN_USE("streamIdInUse", Side.SERVER,
            "Another session is already publishing this stream."),
    ALREADY_REGISTERED("already_registered", Side.SERVER,
            "This id is registered already: delete it first to register it anew."),
    ALREADY_PUBLISHING("already_publishing", Side.SERVER,
            "This session already publishes this stream: stop it first to publish it anew."),
    ALREADY_PLAYING("already_playing", Side.SERVER,
            "This session already plays this stream: stop it first to play it anew."),
    NO_STREAM_EXIST("no_stream_exist", Side.SERVER,
            "This stream is not being published, or does not exist."),
    NO_SPACE_FOR_NEW_PEER("NoSpaceForNewPeer", Side.SERVER,
            "This peer-to-peer stream already has two peers."),
    ROOM_FULL("room_full", Side.SERVER,
            "This room has reached its participant limit."),
    VIEWER_LIMIT_REACHED("viewerLimitReached", Side.SERVER,
            "This stream has reached its viewer limit."),
    MESSAGE_TOO_LARGE("message_too_large", Side.SERVER,
            "The message is larger than this server accepts; the connection is closed."),
    RATE_LIMITED("rate_limited", Side.SERVER,
            "Too many messages per second; this message was dropped."),
    SERVER_ERROR("server_error", Side.SERVER,
            "The server failed to handle this message; the session is still open."),
    MEDIA_SERVER_UNAVAILABLE("media_server_unavailable", Side.SERVER,
            "The media server cannot be reached; nothing was published or played, try again later."),
    MEDIA_SERVER_REQUIRED("media_server_required", Side.SERVER,
            "This needs the media server (signalbox.media.backend=janus): under mesh no media reaches the server to take, play, list or choose."),
    UNSUPPORTED_CONTENT_TYPE("unsupported_content_type", Side.SERVER,
            "WHIP takes an offer as application/sdp and a change to a session as application/trickle-ice-sdpfrag."),
    ETAG_MISMATCH("etag_mismatch", Side.SERVER,
            "The WHIP session changed since the ETag given in If-Match (an ICE restart): nothing was changed."),
    INVALID_HOOK_URL("invalid_hook_url", Side.SERVER,
            "A listenerHookURL is an absolute http or https URL, or empty."),
    PUBLISH_TIMEOUT_ERROR("publishTimeoutError", Side.SERVER,
            "No media reached the media server in time after publish; the publish was ended: publish again."),
    ROOM_NOT_ACTIVE_OR_EXPIRED("room_not_active_or_expired", Side.SERVER,
            "The conference room's start date has not come yet, or its end date has passed."),
    UNSUPPORTED_RECORD_TYPE("unsupported_record_type", Side.SERVER,
            "A recording is webm or mp4; ask for recordType=webm or recordType=mp4."),
    ALREADY_RECORDING("already_recording", Side.SERVER,
            "The stream records already; stop its recording first."),
    NOT_RECORDING("not_recording", Side.SERVER,
            "The stream does not record now."),
    INSUFFICIENT_STORAGE("insufficient_storage", Side.SERVER,
            "The recording folder has less free space than the server keeps; no recording starts until there is more."),
    NO_VOD_EXIST("no_vod_exist", Side.SERVER,
            "There is no VoD with this id."),
    NODE_DRAINING("node_draining", Side.SERVER,
            "This node is draining and takes no new session: try again, and another node will take it."),
    PUSH_NOTIFICATIONS_NOT_CONFIGURED("push_notifications_not_configured", Side.SERVER,
            "This server has no push notification provider configured; nothing was registered or sent."),
    NOT_PUBLISHER("not_publisher", Side.SERVER,
            "Only the session that publishes this stream may change what it says of it."),

    // Raised by the JavaScript SDK in the browser (protocol section 11).
    WEB_SOCKET_NOT_SUPPORTED("WebSocketNotSupported", Side.CLIENT,
            "The environment has no WebSocket, or the socket cannot send now."),
    NO_ACTIVE_CONNECTION("NoActiveConnection", Side.CLIENT,
            "The operation needs an open connection or an active local stream."),
    ABORT_ERROR("AbortError", Side.CLIENT,
            "The browser aborted access to the camera or microphone."),
    NOT_ALLOWED_ERROR("NotAllowedError", Side.CLIENT,
            "The user or the browser denied the camera or microphone."),
    NOT_FOUND_ERROR("NotFoundError", Side.CLIENT,
            "No camera or microphone satisfies the requested kinds."),
    OVERCONSTRAINED_ERROR("OverconstrainedError", Side.CLIENT,
            "The requested constraints match no device."),
    SECURITY_ERROR("SecurityError", Side.CLIENT,
            "Media is disabled for this document."),
    NOT_SUPPORTED_ERROR("NotSupportedError", Side.CLIENT,
            "Media needs a secure context (HTTPS or localhost)."),
    AUDIO_ALREADY_ACTIVE("AudioAlreadyActive", Side.CLIENT,
            "Audio is already on."),
    VIDEO_ALREADY_ACTIVE("VideoAlreadyActive", Side.CLIENT,
            "Video is already on."),
    DEVICE_IN_USE("Camera or Mic is being used by some other process that does not let read the devices",
            Side.CLIENT, "Another program holds the camera or microphone."),
    SCREEN_SHARE_PERMISSION_DENIED("screen_share_permission_denied", Side.CLIENT,
            "The user refused to share the screen."),
    NOT_SET_REMOTE_DESCRIPTION("notSetRemoteDescription", Side.CLIENT,
            "The peer could not set the remote session description.");

    /** Where a definition arises: sent by the server, or raised by the SDK in the browser. */
    public enum Side { SERVER, CLIENT }

    private final String wireName;
    private final Side side;
    private final String message;

    ErrorDefinition(String wireName, Side side, String message) {
        this.wireName = wireName;
        this.side = side;
        this.message = message;
    }

    /** The exact name on the wire, in both {@code error} and {@code definition}. */
    public String wireName() {
        return wireName;
    }

    public Side side() {
        return side;
    }

    /** The fixed sentence sent as {@code message}. */
    public String message() {
        return message;
    }

    public static Optional<ErrorDefinition> byWireName(String wireName) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(wireName)).findFirst();
    }
}
