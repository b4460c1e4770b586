package io.signalbox.signaling;

import io.signalbox.encoding.EncoderSetting;
import io.signalbox.encoding.EncodingService;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessage.ForceStreamQuality;
import io.signalbox.signaling.message.ClientMessage.GetStreamInfo;
import io.signalbox.signaling.message.ClientMessage.Play;
import io.signalbox.signaling.message.ClientMessage.Publish;
import io.signalbox.signaling.message.ClientMessage.Stop;
import io.signalbox.signaling.message.Event;
import io.signalbox.signaling.message.ServerMessage.ForceQuality;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.PublishStarted;
import io.signalbox.signaling.message.ServerMessage.ResolutionChange;
import io.signalbox.signaling.message.ServerMessage.StreamInformation;
import io.signalbox.signaling.message.ServerMessage.Signal;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/** Turns {@code publish}, {@code play} and {@code stop} into {@link StreamService} calls and messages (section 6). */
@ApplicationScoped
public class StreamCommands {

    @Inject
    StreamService streams;

    @Inject
    EncodingService encoding;

    @Inject
    TokenVerifier tokens;

    @Inject
    SessionDirectory directory;

    void publish(SessionId from, Publish message) {
        StreamId stream = new StreamId(message.streamId());
        tokens.check(from, Action.PUBLISH, "streamId", stream.value(), message.token());
        List<EncoderSetting> ladder = encoding.forPublish(stream);
        streams.publish(from, stream);
        directory.send(from, PublishStarted.of(stream.value(), ladder));
    }

    void play(SessionId from, Play message) {
        StreamId stream = new StreamId(message.streamId());
        tokens.check(from, Action.PLAY, "streamId", stream.value(), message.token());
        String requested = ClientMessage.absentIfEmpty(message.subscriberId());
        if (requested != null && !StreamId.RULE.matcher(requested).matches()) {
            throw new SignalingException(ErrorDefinition.INVALID_STREAM_NAME, "subscriberId breaks the identifier rule");
        }
        StreamService.Viewing viewing = streams.play(from, stream, requested);
        directory.send(from, Notification.of(Event.PLAY_STARTED, stream.value()));
        directory.send(viewing.publisher(), Signal.start(stream.value(), viewing.subscriberId()));
    }

    void stop(SessionId from, Stop message) {
        StreamId stream = new StreamId(message.streamId());
        StreamService.Stopped stopped = streams.stop(from, stream);
        if (stopped instanceof StreamService.Unpublished) {
            directory.send(from, Notification.of(Event.PUBLISH_FINISHED, stream.value()));
        } else {
            directory.send(from, Notification.of(Event.PLAY_FINISHED, stream.value()));
        }
        tellOthers(stopped);
    }

    void getStreamInfo(SessionId from, GetStreamInfo message) {
        StreamId stream = new StreamId(message.streamId());
        requirePublished(stream);
        directory.send(from, StreamInformation.of(stream.value(), encoding.ladder(stream)));
    }

    void forceStreamQuality(SessionId from, ForceStreamQuality message) {
        StreamId stream = new StreamId(message.streamId());
        requirePublished(stream);
        int height = encoding.quality(stream, message.streamHeight());
        StreamService.Route toPublisher = streams.route(from, stream, null)
                .filter(route -> route.subscriberId() != null)
                .orElseThrow(() -> new SignalingException(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                        "session " + from + " does not play " + stream));
        directory.send(toPublisher.to(), ForceQuality.of(stream.value(), toPublisher.subscriberId(), height));
        directory.send(from, ResolutionChange.of(stream.value(), height));
    }

    /** Tells the publisher and viewers of a stream an admin deleted over REST that it has ended. */
    void deleted(@Observes StreamService.Unpublished ended) {
        directory.send(ended.publisher(), Notification.of(Event.PUBLISH_FINISHED, ended.stream().value()));
        tellOthers(ended);
    }

    /** Ends everything a closed session published or played, telling the sessions concerned. */
    void release(SessionId session) {
        streams.release(session).forEach(this::tellOthers);
    }

    private void requirePublished(StreamId stream) {
        if (streams.broadcast(stream).isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, "nobody publishes " + stream);
        }
    }

    private void tellOthers(StreamService.Stopped stopped) {
        String stream = stopped.stream().value();
        if (stopped instanceof StreamService.Unpublished unpublished) {
            unpublished.viewers().forEach(viewer -> {
                directory.send(viewer, Signal.stop(stream, null));
                directory.send(viewer, Notification.of(Event.PLAY_FINISHED, stream));
            });
        } else if (stopped instanceof StreamService.Unplayed unplayed) {
            directory.send(unplayed.publisher(), Signal.stop(stream, unplayed.subscriberId()));
        }
    }
}
