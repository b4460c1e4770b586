package io.signalbox.media.janus;

import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Destroys videorooms that Signalbox no longer uses, off the caller's thread. A room outlives the
 * Janus session that made it, so one whose destroy Janus did not answer (it stalled, or the
 * connection was lost meanwhile) is tried again, with backoff and a bounded number of tries, once
 * Janus answers: unless it has publishers again by then, or is gone (Janus restarted). A room that
 * still lists publishers is looked at again a few times first: the last member's handle may still
 * be on its way out (its detach is sent off the same thread), and a room given up then would stay
 * on Janus for good.
 */
final class RoomReaper {
    private static final System.Logger LOG = System.getLogger(RoomReaper.class.getName());
    /** Tries in all: with the backoff below, about two minutes of a Janus that does not answer. */
    private static final int TRIES = 12;
    private static final long FIRST_RETRY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 15_000;
    /** Looks at a room that still lists publishers: over about 4 s, longer than a detach takes. */
    private static final int IN_USE_TRIES = 4;

    private final ScheduledExecutorService scheduler;

    RoomReaper(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Destroys {@code room} on the Janus that {@code janus} gives when the task runs (the
     * connection may have been made anew meanwhile), without waiting; null or down means later.
     */
    void destroy(String room, Supplier<JanusConnection> janus) {
        schedule(room, janus, 1, 0);
    }

    private void schedule(String room, Supplier<JanusConnection> janus, int attempt, long delayMillis) {
        try {
            scheduler.schedule(() -> attempt(room, janus, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "room {0} not destroyed: the application stops", room);
        }
    }

    private void attempt(String room, Supplier<JanusConnection> at, int attempt) {
        JanusConnection janus = at.get();
        try {
            if (janus == null || !janus.isUp()) {
                throw new JanusException(0, "Janus is not connected");
            }
            long handle = janus.attach(Videoroom.PLUGIN);
            try {
                if (!inUse(janus, handle, room)) {
                    janus.message(handle, Videoroom.destroy(room), null, false);
                } else if (attempt < IN_USE_TRIES) {
                    schedule(room, at, attempt + 1, FIRST_RETRY_MILLIS << (attempt - 1));
                } else {
                    LOG.log(Level.DEBUG, "room {0} has publishers again: it stays", room);
                }
            } finally {
                janus.detach(handle);
            }
        } catch (JanusException e) {
            if (e.code == Videoroom.NO_SUCH_ROOM) {
                return; // gone already
            }
            if (attempt >= TRIES) {
                LOG.log(Level.WARNING, "gave up destroying room {0} on {1} after {2} tries: {3}", room, janus, attempt, e.getMessage());
                return;
            }
            long delay = Math.min(FIRST_RETRY_MILLIS << Math.min(attempt - 1, 10), MAX_RETRY_MILLIS);
            LOG.log(Level.DEBUG, "destroying room {0} failed ({1}); trying again in {2} ms", room, e.getMessage(), delay);
            schedule(room, at, attempt + 1, delay);
        }
    }

    /** Whether {@code room} has publishers again (a member came back meanwhile): then it stays. */
    private boolean inUse(JanusConnection janus, long handle, String room) {
        JsonObject listed = janus.message(handle, Videoroom.listParticipants(room), null, false);
        return !listed.getJsonArray("participants").isEmpty();
    }
}
