package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes sessions silent for {@code signalbox.limits.idle-timeout-seconds}, with 1001 "idle
 * timeout", from one sweep a few times per timeout; their close releases what they held.
 *
 * <p>Signalbox keeps this clock itself rather than the container's per-session idle timeout,
 * which every endpoint sets to 0 (none). Under a burst of new sessions on a freshly started Payara,
 * Tyrus's idle timer closed sessions seconds after their open, well before their timeout, so a
 * viewer's {@code play} went unanswered (PlayBurstIT). Tyrus still schedules its idle task on the
 * managed scheduled executor for every frame, whatever the timeout (its
 * {@code restartIdleTimeoutExecutor}); at 0 that task runs at once and closes nothing.
 */
@ApplicationScoped
public class IdleSessions {
    private static final System.Logger LOG = System.getLogger(IdleSessions.class.getName());
    static final CloseReason IDLE = new CloseReason(CloseCodes.GOING_AWAY, "idle timeout");
    private static final long MIN_SWEEP_MILLIS = 250;
    private static final long MAX_SWEEP_MILLIS = 5_000;

    @Inject
    SessionDirectory directory;

    @Inject
    LimitsConfig limits;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeping;

    /** Starts the sweep: a quarter of the timeout apart, within 0.25 and 5 s; none when the timeout is 0 or less. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long timeout = limits.idleTimeoutMillis();
        if (timeout <= 0) {
            LOG.log(Level.INFO, "signalbox.limits.idle-timeout-seconds is " + timeout / 1000 + ": idle sessions stay open");
            return;
        }
        long every = Math.min(MAX_SWEEP_MILLIS, Math.max(MIN_SWEEP_MILLIS, timeout / 4));
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }

    /** Closes, after the frames already sent to them, the sessions silent for longer than the timeout. */
    void sweep() {
        try {
            List<SessionId> idle = directory.silentFor(TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMillis()));
            for (SessionId session : idle) {
                LOG.log(Level.DEBUG, "closing idle session {0}", session);
                directory.close(session, IDLE);
            }
        } catch (RuntimeException e) {
            // An exception would end a fixed-delay schedule, and with it every later sweep.
            LOG.log(Level.WARNING, "sweeping idle sessions failed", e);
        }
    }
}
