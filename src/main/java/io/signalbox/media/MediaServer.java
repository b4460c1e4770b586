package io.signalbox.media;

import io.signalbox.session.SessionId;
import java.util.Map;

/**
 * The media plane that publish and play ask for a stream's media, by the stream's name (its
 * feed): none under {@code mesh}, where browsers connect to each other, or an SFU that answers
 * each publisher and offers to each viewer. What happens later (media flowing, a feed ending)
 * it reports as {@link MediaEvent}s.
 */
public interface MediaServer {

    /** An SFU's offer to a viewer, and which feed each of its media sections (by mid) carries. */
    record Offer(String sdp, Map<String, String> idMapping) {
    }

    /** Whether this plane carries the media; false under mesh, where nothing below is called. */
    boolean forwards();

    /** Whether the SFU can be reached now; always true under mesh. */
    boolean reachable();

    /**
     * Where feeds published through this node go: the address of this node's SFU, by which a
     * viewer's node, any node, finds the feed ({@link #play}); empty under mesh.
     */
    String address();

    /** Gets this node's SFU ready for {@code publisher}'s feed; media_server_unavailable, naming the feed, when it cannot. */
    void publish(SessionId publisher, String feed);

    /** Hands the publisher's offer to the SFU and returns the SFU's answer. */
    String offer(SessionId publisher, String feed, String sdp);

    /**
     * Subscribes {@code viewer} to the feed on the SFU at {@code address} (where its publisher's
     * node put it, this node's or another's) and returns the SFU's offer; no_stream_exist while
     * the feed carries no media yet, media_server_unavailable when that SFU cannot be reached.
     */
    Offer play(SessionId viewer, String feed, String address);

    /** Hands a viewer's answer to the SFU. */
    void answer(SessionId viewer, String feed, String sdp);

    /** Hands one of the browser's ICE candidates to the SFU. */
    void candidate(SessionId session, String feed, String mid, Integer mLineIndex, String candidate);

    /** Asks the SFU to send {@code viewer} the simulcast layer {@code layer} (0 the highest). */
    void layer(SessionId viewer, String feed, int layer);

    /** Whether this node's SFU connection carries {@code session}'s media for {@code feed}. */
    boolean carries(SessionId session, String feed);

    /** Ends {@code session}'s part in the feed; for its publisher, the feed itself. */
    void stop(SessionId session, String feed);

    /** How many feeds and subscriptions this node holds on the SFU. */
    int handles();
}
