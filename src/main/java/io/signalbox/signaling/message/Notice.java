package io.signalbox.signaling.message;

/** The {@code definition} of each success notification the server sends. */
public enum Notice {
    JOINED("joined"),
    LEAVED("leaved"),
    PUBLISH_STARTED("publish_started"),
    PUBLISH_FINISHED("publish_finished"),
    PLAY_STARTED("play_started"),
    PLAY_FINISHED("play_finished"),
    JOINED_THE_ROOM("joinedTheRoom"),
    LEAVED_FROM_ROOM("leavedFromRoom"),
    STREAM_JOINED("streamJoined"),
    STREAM_LEAVED("streamLeaved"),
    RESOLUTION_CHANGE_INFO("resolutionChangeInfo"),
    SUBSCRIBER_COUNT("subscriberCount"),
    SUBTRACK_LIST("subtrackList"),
    SUBTRACK_COUNT("subtrackCount"),
    VIDEO_TRACK_ASSIGNMENT_LIST("videoTrackAssignmentList"),
    BROADCAST_OBJECT("broadcastObject"),
    SUBSCRIBER_LIST("subscriberList"),
    STREAM_META_DATA_UPDATED("streamMetaDataUpdated"),
    VIDEO_TOGGLED("videoToggled"),
    AUDIO_TOGGLED("audioToggled"),
    DEBUG_INFO("debugInfo"),
    SERVER_WILL_STOP("server_will_stop");

    private final String wireName;

    Notice(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
