package io.signalbox.whip;

import io.signalbox.media.MediaEvent;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.SessionDirectory;
import io.signalbox.stream.Stopped;
import io.signalbox.stream.StreamEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What ends a WHIP session of this node besides its DELETE, each on the session's lane: the media
 * server hanging up its media, an admin deleting its stream, no media within
 * {@code signalbox.whip.connect-timeout-seconds} of its POST, and, once media came, no media at
 * all (neither audio nor video) for as long (a client that vanished without closing its
 * connection, which Janus 1.1.2, without ICE consent freshness, never hangs up on).
 */
@ApplicationScoped
public class WhipEndings {
    private static final System.Logger LOG = System.getLogger(WhipEndings.class.getName());

    @Inject
    WhipService whip;

    @Inject
    SessionDirectory directory;

    @Inject
    WhipConfig config;

    @Inject
    Event<StreamEvent> happened;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long every = config.connectTimeout().toMillis();
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        WhipSession.cancel(sweeping);
    }

    /** Starts the wait for the media of {@code session}, made just now. */
    void connecting(SessionId id, WhipSession session) {
        session.connectTimer = later(id, () -> {
            WhipSession now = whip.session(id);
            if (now != null && !now.flowing) {
                whip.end(id, "no media within " + config.connectTimeout().toSeconds() + " s of its POST");
                happened.fire(new StreamEvent.PublishTimedOut(now.stream, null));
            }
        });
    }

    /** Media reached the media server: the session no longer waits to connect. */
    void flowing(@Observes MediaEvent.Flowing flowing) {
        if (flowing.publisher()) {
            inLane(flowing.session(), session -> {
                session.flowing = true;
                WhipSession.cancel(session.connectTimer);
            });
        }
    }

    /** Nothing comes in any more from the session's encoder (neither audio nor video), or something came again. */
    void inbound(@Observes MediaEvent.Inbound inbound) {
        SessionId id = inbound.session();
        inLane(id, session -> {
            WhipSession.cancel(session.stallTimer);
            session.stallTimer = inbound.any() ? null : later(id, () -> {
                WhipSession now = whip.session(id);
                if (now != null && now.stallTimer != null && now.stallTimer.getDelay(TimeUnit.MILLISECONDS) <= 0) {
                    whip.end(id, "no media came in for " + config.connectTimeout().toSeconds() + " s");
                }
            });
        });
    }

    /** The media server ended the session's media (it hung up, or was lost). */
    void ended(@Observes MediaEvent.Ended ended) {
        inLane(ended.session(), session -> whip.end(ended.session(), "the media server ended it: " + ended.reason()));
    }

    /** An admin deleted the session's stream through this node. */
    void deleted(@Observes Stopped.Unpublished deleted) {
        inLane(deleted.publisher(), session -> whip.end(deleted.publisher(), "its stream was deleted"));
    }

    /**
     * Ends the sessions of this node whose stream went on without them: an admin deleted it
     * through another node, which let go of its media here but does not tell this node's WHIP.
     */
    private void sweep() {
        try {
            whip.sessions().forEach((id, session) -> {
                if (!whip.publishes(id, session.stream)) {
                    inLane(id, now -> whip.end(id, "its stream is no longer its own"));
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "looking for WHIP sessions whose stream went on without them failed; next time again", e);
        }
    }

    /** Runs {@code change} on the lane of {@code id}, if it is a WHIP session of this node then. */
    private void inLane(SessionId id, java.util.function.Consumer<WhipSession> change) {
        if (whip.session(id) == null) {
            return;
        }
        directory.inLane(id, () -> {
            WhipSession session = whip.session(id);
            if (session != null) {
                change.accept(session);
            }
        });
    }

    /** {@code task} on the lane of {@code id} once the timeout has passed. */
    private ScheduledFuture<?> later(SessionId id, Runnable task) {
        return scheduler.schedule(() -> directory.inLane(id, task), config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
