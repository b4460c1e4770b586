package io.signalbox.stream;

/**
 * What happened to a stream, fired once, on the node where it happened, for whoever listens
 * (webhooks): it went live (its media flows through the media server, or, under mesh, its
 * publisher was told {@code publish_started}), it ended, a viewer started or stopped playing it.
 * {@code conference} is the room it is published into, null when none.
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
}
