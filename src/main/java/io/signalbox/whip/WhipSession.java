package io.signalbox.whip;

import io.signalbox.stream.StreamId;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

/**
 * One WHIP session of this node: its stream, the offer and ICE credentials its media runs on now,
 * its ETag, and the timers that end it when no media comes ({@link WhipEndings}). Changed only on
 * the session's lane.
 */
final class WhipSession {
    final StreamId stream;
    volatile String offer;
    volatile String ufrag;
    volatile String etag = newEtag();
    /** Whether media reached the media server since the POST. */
    volatile boolean flowing;
    /** Set from the POST until media flows: the session ends when it fires. */
    volatile ScheduledFuture<?> connectTimer;
    /** Set while no media comes in, after some came: the session ends when it fires. */
    volatile ScheduledFuture<?> stallTimer;

    WhipSession(StreamId stream, String offer) {
        this.stream = stream;
        this.offer = offer;
        this.ufrag = SdpFragment.ufragOf(offer);
    }

    void cancelTimers() {
        cancel(connectTimer);
        cancel(stallTimer);
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** A new ETag, quoted as HTTP has it. */
    static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }
}
