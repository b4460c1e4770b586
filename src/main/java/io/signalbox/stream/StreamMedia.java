package io.signalbox.stream;

import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What publishers and viewers say to the media server about their streams, once
 * {@link StreamService} has let them publish or play: descriptions and candidates pass through,
 * and a viewer's subscription is let go of when its publisher has stopped.
 */
@ApplicationScoped
public class StreamMedia {

    @Inject
    MediaServer media;

    /** Whether the media server carries {@code session}'s media on {@code stream}, so its descriptions and candidates go there. */
    public boolean carries(SessionId session, StreamId stream) {
        return media.carries(session, stream.value());
    }

    /** Hands a publisher's offer to the media server; returns its answer. */
    public String offer(SessionId publisher, StreamId stream, String sdp) {
        return media.offer(publisher, stream.value(), sdp);
    }

    /** Hands a viewer's answer to the media server. */
    public void answer(SessionId viewer, StreamId stream, String sdp) {
        media.answer(viewer, stream.value(), sdp);
    }

    /** Hands a browser's candidate to the media server. */
    public void candidate(SessionId session, StreamId stream, String mid, Integer mLineIndex, String candidate) {
        media.candidate(session, stream.value(), mid, mLineIndex, candidate);
    }

    /** Lets go of a viewer's subscription on this node, once its stream has stopped. */
    public void release(SessionId viewer, StreamId stream) {
        media.stop(viewer, stream.value());
    }
}
