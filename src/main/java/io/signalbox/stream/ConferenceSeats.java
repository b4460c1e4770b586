package io.signalbox.stream;

import io.signalbox.media.MediaAddress;
import io.signalbox.media.MediaRoom;

/**
 * What publishing asks of the conference feature, which lives apart from this one (it depends on
 * streams, not they on it): a seat in a room's conference for a member's stream, and letting it go.
 */
public interface ConferenceSeats {

    /** Where a member's feed goes: the conference's room on the media server, and that server's address. */
    record Seat(MediaRoom room, MediaAddress mediaServer) {
    }

    /**
     * Seats {@code feed} in {@code room}'s conference, begun on this node's media server when it is
     * the first. Called holding the feed's stream lock; takes the room's after it, and calls no media server.
     */
    Seat seat(String room, StreamId feed);

    /** {@code feed} left {@code room} (its publisher stopped, its media let go of); called holding no lock. */
    void left(String room, StreamId feed);
}
