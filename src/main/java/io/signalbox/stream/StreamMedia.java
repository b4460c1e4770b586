package io.signalbox.stream;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.Feed;
import io.signalbox.media.Leg;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * What publishers and viewers say to the media server about their streams, once
 * {@link StreamService} has let them publish or play: descriptions and candidates pass through,
 * and a viewer's subscription is let go of when its publisher has stopped.
 */
@ApplicationScoped
public class StreamMedia {

    @Inject
    MediaServer media;

    /**
     * The media server's leg of {@code session} that clients call {@code streamId} (a stream, or a
     * conference room it plays), if this node's media server carries it: then its descriptions and
     * candidates go there rather than to another client.
     */
    public Optional<Leg> carried(SessionId session, StreamId streamId) {
        return media.leg(session, streamId.value());
    }

    /** Hands a publisher's offer to the media server; returns its answer. */
    public String offer(SessionId publisher, Leg leg, String sdp) {
        if (!(leg instanceof Feed feed)) {
            throw new SignalingException(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION,
                    publisher + " offered on conference " + leg + ", which only the media server offers on");
        }
        return media.offer(publisher, feed, sdp);
    }

    /** Hands a publisher's new offer (an ICE restart) to the media server; returns its answer. */
    public String reoffer(SessionId publisher, StreamId stream, String sdp) {
        Leg leg = carried(publisher, stream).orElseThrow(() -> new SignalingException(ErrorDefinition.NO_STREAM_EXIST,
                publisher + " has no media on " + stream));
        if (!(leg instanceof Feed feed)) {
            throw new SignalingException(ErrorDefinition.NOT_SET_REMOTE_DESCRIPTION, publisher + " offered again on conference " + leg);
        }
        return media.reoffer(publisher, feed, sdp);
    }

    /** Hands a viewer's answer to the media server. */
    public void answer(SessionId viewer, Leg leg, String sdp) {
        media.answer(viewer, leg, sdp);
    }

    /** Hands a browser's candidate to the media server. */
    public void candidate(SessionId session, Leg leg, String mid, Integer mLineIndex, String candidate) {
        media.candidate(session, leg, mid, mLineIndex, candidate);
    }

    /** Lets go of a viewer's subscription on this node, once its stream has stopped. */
    public void release(SessionId viewer, StreamId stream) {
        media.stop(viewer, new Feed(stream.value()));
    }
}
