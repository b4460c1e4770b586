package io.signalbox.signaling;

import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.Notice;
import io.signalbox.signaling.message.ServerMessage.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node on its way out (protocol section 12): every session it holds is told
 * {@code server_will_stop}, so that its SDK reconnects elsewhere; it takes no new session (close
 * code 1013) and reports itself not ready, so that the load balancer sends nobody more. For this
 * node only, and for good: a drained node is stopped, not resumed.
 */
@ApplicationScoped
public class Drain {
    private static final System.Logger LOG = System.getLogger(Drain.class.getName());

    private final AtomicBoolean draining = new AtomicBoolean();

    @Inject
    SessionDirectory directory;

    /** Starts draining; returns how many sessions were told, none when it was draining already. */
    public int start() {
        if (!draining.compareAndSet(false, true)) {
            return 0;
        }
        List<SessionId> sessions = directory.local();
        LOG.log(System.Logger.Level.INFO, "draining: telling {0} sessions that this node will stop", sessions.size());
        Notification notice = Notification.of(Notice.SERVER_WILL_STOP, null);
        sessions.forEach(session -> directory.send(session, notice));
        return sessions.size();
    }

    /**
     * A session registered just as the drain began, after the check that refuses new ones and
     * after the drain listed the sessions to tell, is told too (twice at worst, which changes
     * nothing for either SDK).
     */
    void admitted(SessionId session) {
        if (draining.get()) {
            directory.send(session, Notification.of(Notice.SERVER_WILL_STOP, null));
        }
    }

    public boolean draining() {
        return draining.get();
    }
}
