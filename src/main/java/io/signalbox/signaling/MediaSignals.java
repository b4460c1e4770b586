package io.signalbox.signaling;

import io.signalbox.error.SignalingException;
import io.signalbox.media.MediaEvent;
import io.signalbox.signaling.message.Notice;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.PublishStarted;
import io.signalbox.stream.Broadcast;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamQuality;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Tells clients what the media server reports: {@code publish_started} (with the ladder) and
 * {@code play_started} once media flows, and, when it ends a session's media, the same as that
 * session's {@code stop} would.
 */
@ApplicationScoped
public class MediaSignals {
    private static final System.Logger LOG = System.getLogger(MediaSignals.class.getName());

    @Inject
    StreamQuality quality;

    @Inject
    StreamCommands streamCommands;

    @Inject
    SessionDirectory directory;

    @Inject
    StreamService streams;

    @Inject
    ConferenceCommands conferences;

    @Inject
    Event<StreamEvent> happened;

    /** On the session's lane, so that it follows the answer to the session's offer. */
    void flowing(@Observes MediaEvent.Flowing flowing) {
        StreamId stream = new StreamId(flowing.leg().name());
        directory.inLane(flowing.session(), () -> {
            if (flowing.publisher()) {
                directory.send(flowing.session(), PublishStarted.of(stream.value(), quality.publisherLadder(stream)));
                Optional<Broadcast> broadcast = streams.broadcast(stream);
                broadcast.map(Broadcast::conference).ifPresent(room -> conferences.flowing(room, stream));
                if (broadcast.isPresent()) {
                    happened.fire(new StreamEvent.Live(stream, broadcast.get().conference()));
                }
            } else {
                directory.send(flowing.session(), Notification.of(Notice.PLAY_STARTED, stream.value()));
                streams.subscriberIdOf(flowing.session(), stream)
                        .ifPresent(subscriber -> happened.fire(new StreamEvent.PlayStarted(stream, subscriber)));
            }
        });
    }

    /** On the session's lane, as the session's own stop would be. */
    void ended(@Observes MediaEvent.Ended ended) {
        LOG.log(Level.INFO, "media of {0} on {1} ended: {2}", ended.session(), ended.leg().name(), ended.reason());
        directory.inLane(ended.session(), () -> {
            try {
                streamCommands.stop(ended.session(), new StreamId(ended.leg().name()));
            } catch (SignalingException e) {
                // Stopped already (its own stop, or its publisher's): nothing is left to end.
                LOG.log(Level.DEBUG, "{0} on {1} had stopped: {2}", ended.session(), ended.leg().name(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ending " + ended.session() + " on " + ended.leg().name() + " failed", e);
            }
        });
    }
}
