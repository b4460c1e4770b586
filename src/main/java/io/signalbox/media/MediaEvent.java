package io.signalbox.media;

import io.signalbox.session.SessionId;
import java.util.List;

/** What the SFU reports about one session's media, as it happens. */
public sealed interface MediaEvent {

    SessionId session();

    /** The session's leg the event is about: a feed, or a conference room it plays. */
    Leg leg();

    /** Whether the session publishes the feed (else it plays it). */
    boolean publisher();

    /** Media started to flow: from a publisher into the SFU, or from the SFU to a viewer. */
    record Flowing(SessionId session, Leg leg, boolean publisher) implements MediaEvent {
    }

    /**
     * The video a publisher's feed brings into the SFU changed: {@code layers} are the simulcast
     * layers coming in (0 the lowest), or, when the publisher does not simulcast, {@code [0]}
     * while its one video comes in; empty when none does.
     */
    record Receiving(SessionId session, Feed leg, List<Integer> layers, boolean simulcast) implements MediaEvent {
        @Override
        public boolean publisher() {
            return true;
        }
    }

    /**
     * Whether anything, audio or video, comes into the SFU from a publisher's feed: {@code false}
     * once the last of its tracks stopped coming in (the SFU's no-media timer passed), {@code true}
     * when one comes again.
     */
    record Inbound(SessionId session, Feed leg, boolean any) implements MediaEvent {
        @Override
        public boolean publisher() {
            return true;
        }
    }

    /** The SFU offers again to a conference's subscriber (feeds came or went); the session answers as to the first offer. */
    record Offered(SessionId session, MediaRoom leg, MediaServer.Offer offer) implements MediaEvent {
        @Override
        public boolean publisher() {
            return false;
        }
    }

    /** The SFU ended the session's media (hung up, or was lost); {@code reason} is for the log. */
    record Ended(SessionId session, Leg leg, boolean publisher, String reason) implements MediaEvent {
    }
}
