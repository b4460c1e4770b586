package io.signalbox.signaling.message;

import io.signalbox.session.SessionId;

/**
 * The multitrack commands of Ant Media's conference (section 7a): a conference's tracks listed,
 * and what its player takes of them. Field names are the wire names.
 */
public sealed interface Multitrack extends ClientMessage {

    /** The tracks of a conference ({@code streamId}: its room); {@code token} is not read, as Ant Media does not. */
    record GetTrackList(String streamId, String token) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getTrackList(from, this);
        }
    }

    /** A page of a conference's tracks: from {@code offset} (0 when absent), at most {@code size} (all when absent or 0); {@code role} is not kept here, so it filters nothing. */
    record GetSubtracks(String streamId, String role, Integer offset, Integer size) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getSubtracks(from, this);
        }

        @Override
        public String problem() {
            return (offset == null || offset >= 0) && (size == null || size >= 0) ? null
                    : "getSubtracks needs offset and size of 0 or more";
        }
    }

    /** How many tracks a conference has; {@code role} and {@code status} filter nothing (see {@link GetSubtracks}). */
    record GetSubtracksCount(String streamId, String role, String status) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getSubtracksCount(from, this);
        }
    }

    /** A conference's player takes ({@code enabled}) or leaves out one member's track, {@code trackId}: the member's stream id. */
    record EnableTrack(String streamId, String trackId, Boolean enabled) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.enableTrack(from, this);
        }

        @Override
        public String problem() {
            return trackId != null && !trackId.isEmpty() && enabled != null ? null : "enableTrack needs trackId and enabled";
        }
    }

    /** A conference's player gets the video of at most {@code maxTrackCount} members (0: of every one). */
    record SetMaxVideoTrackCount(String streamId, Integer maxTrackCount) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.setMaxVideoTrackCount(from, this);
        }

        @Override
        public String problem() {
            return maxTrackCount != null && maxTrackCount >= 0 ? null : "setMaxVideoTrackCountCommand needs maxTrackCount of 0 or more";
        }
    }

    /** Which members' video a conference's player gets ({@code streamId}: the room). */
    record GetVideoTrackAssignments(String streamId) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.getVideoTrackAssignments(from, this);
        }
    }

    /**
     * A conference's player keeps ({@code enabled}) or no longer keeps the video of member stream
     * {@code streamId} whatever its limit (pinning); {@code videoTrackId}, the label Ant Media
     * shows it under, is the member's own here and is not read.
     */
    record AssignVideoTrack(String streamId, String videoTrackId, Boolean enabled) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.assignVideoTrack(from, this);
        }

        @Override
        public String problem() {
            return enabled != null ? null : "assignVideoTrackCommand needs enabled";
        }
    }

    /** A conference's player gets the video of {@code size} members (0: of all), the pinned first, then from {@code offset} on. */
    record UpdateVideoTrackAssignments(String streamId, Integer offset, Integer size) implements Multitrack {
        @Override
        public void accept(MessageHandler handler, SessionId from) {
            handler.updateVideoTrackAssignments(from, this);
        }

        @Override
        public String problem() {
            return offset != null && offset >= 0 && size != null && size >= 0 ? null
                    : "updateVideoTrackAssignmentsCommand needs offset and size of 0 or more";
        }
    }
}
