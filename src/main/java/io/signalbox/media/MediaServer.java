package io.signalbox.media;

import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The media plane that publish and play ask for a stream's media, by the stream's name (its
 * feed): none under {@code mesh}, where browsers connect to each other, or an SFU that answers
 * each publisher and offers to each viewer. A feed sits in a room of the SFU: a room of its own,
 * named by the feed, or a conference's, named by the conference's room, where one subscription
 * carries many feeds. What happens later (media flowing, a feed ending, a new offer to a
 * subscriber) it reports as {@link MediaEvent}s.
 */
public interface MediaServer {

    /**
     * An SFU's offer to a viewer, and which track each of its media sections (by mid) carries,
     * named as Ant Media names them: {@code ARDAMSa} or {@code ARDAMSv} and the feed.
     */
    record Offer(String sdp, Map<String, String> idMapping) {
        /** Ant Media's name for the audio or video track of {@code feed}. */
        public static String trackId(String kind, String feed) {
            return ("audio".equals(kind) ? "ARDAMSa" : "ARDAMSv") + feed;
        }

        /** The feed an Ant Media track id names. */
        public static String feedOf(String trackId) {
            return trackId.startsWith("ARDAMS") && trackId.length() > 7 ? trackId.substring(7) : trackId;
        }
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

    /**
     * Gets the SFU at {@code address} ready for {@code publisher}'s feed in {@code room} (the
     * feed's own name, or a conference's); media_server_unavailable, naming the feed, when it cannot.
     */
    void publish(SessionId publisher, String feed, String room, String address);

    /** Hands the publisher's offer to the SFU and returns the SFU's answer. */
    String offer(SessionId publisher, String feed, String sdp);

    /**
     * Subscribes {@code viewer} to the feed in {@code room} on the SFU at {@code address} (where
     * its publisher's node put it, this node's or another's) and returns the SFU's offer;
     * no_stream_exist while the feed carries no media yet, media_server_unavailable when that SFU
     * cannot be reached.
     */
    Offer play(SessionId viewer, String feed, String room, String address);

    /**
     * Makes {@code viewer}'s one subscription to conference {@code room} carry exactly
     * {@code feeds}, and the video of only those of them in {@code video}: made on first use
     * (none while there is no feed), then changed. Returns the
     * SFU's offer when it made one at once; one it makes later (it may wait for the viewer's
     * answer to the last) comes as {@link MediaEvent.Offered}, as does the one it makes itself
     * when a feed leaves the room. With no feed to carry, {@code placeholder} (the viewer's own
     * feed, if it has one) is carried with nothing sent, so that the viewer's connection comes up
     * (Ant Media's player plays again and again while its connection is not up).
     */
    Optional<Offer> subscribe(SessionId viewer, String room, String address, List<String> feeds, Optional<String> placeholder,
            List<String> video);

    /** Ends conference {@code room} on the SFU at {@code address}, once nobody publishes into it or plays it. */
    void dropRoom(String room, String address);

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
