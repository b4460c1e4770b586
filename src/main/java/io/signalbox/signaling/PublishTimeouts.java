package io.signalbox.signaling;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.MediaEvent;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.stream.Broadcast;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import io.signalbox.stream.StreamsConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Through the media server, ends a socket's publish whose media never reached it within
 * {@code signalbox.streams.publish-timeout-seconds}, as Ant Media does: the publisher gets
 * {@code publishTimeoutError} naming the stream, then {@code publish_finished}, its viewers
 * {@code play_finished}, and the {@code publishTimeoutError} hook fires. The wait is a timer on
 * this node (the publisher's); the ending runs on the publisher's lane.
 */
@ApplicationScoped
public class PublishTimeouts {
    private static final System.Logger LOG = System.getLogger(PublishTimeouts.class.getName());

    /** One publish waited for. */
    private record Publish(SessionId session, StreamId stream) {
    }

    @Inject
    StreamsConfig config;

    @Inject
    SessionDirectory directory;

    @Inject
    StreamService streams;

    @Inject
    StreamCommands commands;

    @Inject
    Event<StreamEvent> happened;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<Publish, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();

    /** {@code session} published {@code stream} through the media server just now: its media is waited for. */
    void published(SessionId session, StreamId stream) {
        Optional<Duration> timeout = config.publishTimeout();
        if (timeout.isEmpty()) {
            return;
        }
        Publish publish = new Publish(session, stream);
        ScheduledFuture<?> timer = scheduler.schedule(() -> directory.inLane(session, () -> expire(publish)),
                timeout.get().toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> earlier = waiting.put(publish, timer);
        if (earlier != null) {
            earlier.cancel(false);
        }
    }

    /** The publisher's media reached the media server: nothing is waited for any more. */
    void flowing(@Observes MediaEvent.Flowing flowing) {
        if (flowing.publisher()) {
            ScheduledFuture<?> timer = waiting.remove(new Publish(flowing.session(), new StreamId(flowing.leg().name())));
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /** How many publishes wait for their media on this node. */
    public int waiting() {
        return waiting.size();
    }

    private void expire(Publish publish) {
        if (waiting.remove(publish) == null) {
            return; // its media came meanwhile, or it was published anew
        }
        Optional<Broadcast> broadcast = streams.broadcast(publish.stream());
        if (broadcast.isEmpty() || !broadcast.get().publisher().equals(publish.session())) {
            return; // stopped meanwhile
        }
        LOG.log(Level.INFO, "no media of {0} from {1} within {2} s of its publish: ending it", publish.stream(),
                publish.session(), config.publishTimeout().map(Duration::toSeconds).orElse(0L));
        directory.send(publish.session(), ServerMessage.Error.of(ErrorDefinition.PUBLISH_TIMEOUT_ERROR, publish.stream().value(), null));
        try {
            commands.stop(publish.session(), publish.stream());
        } catch (SignalingException e) {
            return; // stopped meanwhile
        }
        happened.fire(new StreamEvent.PublishTimedOut(publish.stream(), broadcast.get().conference()));
    }
}
