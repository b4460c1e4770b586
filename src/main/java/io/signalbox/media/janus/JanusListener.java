package io.signalbox.media.janus;

import jakarta.json.JsonObject;

/** What a {@link JanusConnection} tells its owner. */
interface JanusListener {
    /** An event Janus sent about {@code handle} on its own (webrtcup, media, hangup, plugin events). */
    void event(JanusConnection janus, long handle, JsonObject event);

    /** The socket or the session was lost: every handle on it is gone. */
    void lost(JanusConnection janus, String why);

    /**
     * A request to Janus ended after {@code nanos}: {@code request} is Janus's verb, or the
     * videoroom's for a plugin message; {@code answered} is false when it failed or timed out.
     */
    default void ended(String request, long nanos, boolean answered) {
    }
}
