package io.signalbox.media;

import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The media plane that publish and play ask for a stream's media: none under {@code mesh}, where
 * browsers connect to each other, or an SFU that answers each publisher and offers to each
 * viewer. A {@link Feed} sits in a {@link MediaRoom} of the SFU at a {@link MediaAddress}: a room
 * of its own, or a conference's, where one subscription carries many feeds. What happens later
 * (media flowing, a feed ending, a new offer to a subscriber) it reports as {@link MediaEvent}s.
 * Every method that reaches the SFU may wait for it: call none holding a lock or on a socket's
 * thread.
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

    /**
     * What one conference subscription is to carry: {@code feeds}, the video of only those in
     * {@code video}, and, while there is no feed to carry, {@code placeholder} (the viewer's own
     * feed, if it has one) with nothing sent, so that the viewer's connection comes up (Ant Media's
     * player plays again and again while its connection is not up).
     */
    record Subscription(List<Feed> feeds, List<Feed> video, Optional<Feed> placeholder) {
    }

    /** Whether this plane carries the media; false under mesh, where nothing below is called. */
    boolean forwards();

    /** Whether the SFU can be reached now; always true under mesh. */
    boolean reachable();

    /** Where feeds published through this node go: this node's SFU, by which any node finds them; none under mesh. */
    MediaAddress address();

    /** Gets the SFU at {@code at} ready for {@code publisher}'s {@code feed} in {@code room}; media_server_unavailable, naming the feed, when it cannot. */
    void publish(SessionId publisher, Feed feed, MediaRoom room, MediaAddress at);

    /** Hands the publisher's offer to the SFU and returns the SFU's answer. */
    String offer(SessionId publisher, Feed feed, String sdp);

    /**
     * Hands the SFU a publisher's new offer for a feed it carries already, as for an ICE restart
     * (new ICE credentials), and returns the SFU's answer, with its own new credentials.
     */
    String reoffer(SessionId publisher, Feed feed, String sdp);

    /**
     * Subscribes {@code viewer} to {@code feed} in {@code room} on the SFU at {@code at} (where its
     * publisher's node put it) and returns the SFU's offer; no_stream_exist while the feed carries
     * no media yet, media_server_unavailable when that SFU cannot be reached.
     */
    Offer play(SessionId viewer, Feed feed, MediaRoom room, MediaAddress at);

    /**
     * Makes {@code viewer}'s one subscription to conference {@code room} carry what {@code wanted}
     * says: made on first use (none while there is nothing to carry), then changed. Returns the
     * SFU's offer when it made one at once; one it makes later (it may wait for the viewer's
     * answer to the last) comes as {@link MediaEvent.Offered}, as does the one it makes itself
     * when a feed leaves the room.
     */
    Optional<Offer> subscribe(SessionId viewer, MediaRoom room, MediaAddress at, Subscription wanted);

    /** Ends conference {@code room} on the SFU at {@code at}, once nobody publishes into it or plays it; returns at once. */
    void dropRoom(MediaRoom room, MediaAddress at);

    /** Hands a viewer's answer to the SFU. */
    void answer(SessionId viewer, Leg leg, String sdp);

    /** Hands one of the browser's ICE candidates to the SFU; a null {@code candidate} says there are no more. */
    void candidate(SessionId session, Leg leg, String mid, Integer mLineIndex, String candidate);

    /** Asks the SFU to send {@code viewer} the simulcast layer {@code layer} (0 the highest) of {@code feed}. */
    void layer(SessionId viewer, Feed feed, int layer);

    /**
     * The leg of {@code session} on this node's SFU connection that clients call {@code name}: a
     * feed it publishes or plays, or a conference room it plays; empty when there is none, and
     * always under mesh.
     */
    Optional<Leg> leg(SessionId session, String name);

    /** Ends {@code session}'s part in {@code leg}; for a feed's publisher, the feed itself. */
    void stop(SessionId session, Leg leg);

    /**
     * Starts ({@code base} given: a path without extension) or stops recording the feed
     * {@code publisher} publishes through this node; the SFU writes each track to a file named
     * from {@code base}. no_peer_associated_before when it publishes none here.
     */
    void record(SessionId publisher, Feed feed, Optional<String> base);

    /**
     * What the SFU counts on {@code session}'s connection for {@code leg}, held by this node;
     * empty when it holds none. media_server_required under mesh, media_server_unavailable when
     * the SFU cannot tell.
     */
    Optional<LegStats> stats(SessionId session, Leg leg);

    /** How many feeds and subscriptions this node holds on the SFU, by what they do; none under mesh. */
    Handles handles();

    /** This node's handles on the SFU: feeds published, viewers of one feed, conference subscriptions. */
    record Handles(int publishers, int viewers, int conferenceViewers) {
        public static final Handles NONE = new Handles(0, 0, 0);

        public int total() {
            return publishers + viewers + conferenceViewers;
        }
    }
}
