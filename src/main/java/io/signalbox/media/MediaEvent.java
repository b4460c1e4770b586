package io.signalbox.media;

import io.signalbox.session.SessionId;

/** What the SFU reports about one session's media, as it happens. */
public sealed interface MediaEvent {

    SessionId session();

    String feed();

    /** Whether the session publishes the feed (else it plays it). */
    boolean publisher();

    /** Media started to flow: from a publisher into the SFU, or from the SFU to a viewer. */
    record Flowing(SessionId session, String feed, boolean publisher) implements MediaEvent {
    }

    /** The SFU ended the session's media (hung up, or was lost); {@code reason} is for the log. */
    record Ended(SessionId session, String feed, boolean publisher, String reason) implements MediaEvent {
    }
}
