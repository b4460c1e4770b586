package io.signalbox.stream;

import io.signalbox.session.SessionId;
import java.util.Map;

/** What a stop (or a closed session, or an admin's delete) ended. */
public sealed interface Stopped {
    StreamId stream();

    long version();

    /** A publisher stopped, or its stream was deleted: every viewer, by subscriberId, is told; {@code conference} as in {@link Broadcast}. */
    record Unpublished(StreamId stream, SessionId publisher, Map<String, SessionId> viewers, long version, String conference)
            implements Stopped {
    }

    /** A viewer stopped: its publisher is told which subscriber left. */
    record Unplayed(StreamId stream, String subscriberId, SessionId publisher, SessionId viewer, long version)
            implements Stopped {
    }
}
