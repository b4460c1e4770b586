package io.signalbox.media;

/**
 * What one of a session's connections to the media server carries: one feed (a stream it
 * publishes or plays), or the feeds of a conference's room (its one subscription to the room).
 * Clients name both as a {@code streamId}: {@link #name()}.
 */
public sealed interface Leg permits Feed, MediaRoom {

    /** The name clients use for it: the stream's id, or the room's. */
    String name();
}
