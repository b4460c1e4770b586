package io.signalbox.stream;

/**
 * What happened to a stream, fired once, on the node where it happened, for whoever listens
 * (webhooks): it went live (its media flows through the media server, or, under mesh, its
 * publisher was told {@code publish_started}), it ended, a viewer started or stopped playing it,
 * its media never came, or it joined or left a room's conference. {@code conference} is the room
 * it is published into, null when none.
 */
public sealed interface StreamEvent {
    StreamId stream();

    record Live(StreamId stream, String conference) implements StreamEvent {
    }

    record Ended(StreamId stream, String conference) implements StreamEvent {
    }

    record PlayStarted(StreamId stream, String subscriberId) implements StreamEvent {
    }

    record PlayStopped(StreamId stream, String subscriberId) implements StreamEvent {
    }

    /** Published, but no media reached the media server in time: the publish was ended. */
    record PublishTimedOut(StreamId stream, String conference) implements StreamEvent {
    }

    /**
     * {@code stream} became active in {@code room} (its media flows into the room's conference, or,
     * under mesh, it joined the room); {@code first} when no other stream of the room was active.
     */
    record TrackAdded(StreamId stream, String room, boolean first) implements StreamEvent {
    }

    /** A recording of {@code stream} was converted and kept as VoD {@code vodId}, in file {@code vodName}. */
    record VodReady(StreamId stream, String vodName, String vodId) implements StreamEvent {
    }

    /** Active {@code stream} left {@code room}; {@code last} when no active stream remains there. */
    record TrackLeft(StreamId stream, String room, boolean last) implements StreamEvent {
    }
}
