package io.signalbox.signaling;

import io.signalbox.conference.ConferenceService;
import io.signalbox.error.SignalingException;
import io.signalbox.room.RoomId;
import io.signalbox.room.RoomRegistry;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessage.ForceStreamQuality;
import io.signalbox.signaling.message.ClientMessage.GetStreamInfo;
import io.signalbox.signaling.message.ClientMessage.GetSubscriberCount;
import io.signalbox.signaling.message.ClientMessage.Play;
import io.signalbox.signaling.message.ClientMessage.Publish;
import io.signalbox.signaling.message.ClientMessage.Stop;
import io.signalbox.signaling.message.Notice;
import io.signalbox.signaling.message.ServerMessage.Configuration;
import io.signalbox.signaling.message.ServerMessage.ForceQuality;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.PublishStarted;
import io.signalbox.signaling.message.ServerMessage.ResolutionChange;
import io.signalbox.signaling.message.ServerMessage.Signal;
import io.signalbox.signaling.message.ServerMessage.StartPublishing;
import io.signalbox.signaling.message.ServerMessage.StreamInformation;
import io.signalbox.signaling.message.ServerMessage.SubscriberCount;
import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.Stopped;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamMedia;
import io.signalbox.stream.StreamQuality;
import io.signalbox.stream.StreamService;
import io.signalbox.stream.SubscriberId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/** Turns {@code publish}, {@code play}, {@code stop} and the encoder commands into {@link StreamService} calls and messages (sections 6 and 8). */
@ApplicationScoped
public class StreamCommands {
    private static final System.Logger LOG = System.getLogger(StreamCommands.class.getName());

    @Inject
    StreamService streams;

    @Inject
    StreamQuality quality;

    @Inject
    StreamMedia streamMedia;

    @Inject
    TokenVerifier tokens;

    @Inject
    RelayRoutes routes;

    @Inject
    SessionDirectory directory;

    @Inject
    ConferenceCommands conferences;

    @Inject
    ConferenceService conferenceService;

    @Inject
    Event<StreamEvent> happened;

    @Inject
    PublishTimeouts publishTimeouts;

    @Inject
    RoomRegistry roomRegistry;

    void publish(SessionId from, Publish message) {
        StreamId stream = new StreamId(message.streamId());
        tokens.check(from, Action.PUBLISH, stream, message.token());
        Optional<String> conference = streams.conferenceOf(stream, Optional.ofNullable(ClientMessage.absentIfEmpty(message.mainTrack())));
        conference.ifPresent(room -> {
            conferences.requireSeat(from, new RoomId(room), null);
            roomRegistry.requireAllowed(new RoomId(room)); // publishing into a room's conference joins it
        });
        String name = ClientMessage.absentIfEmpty(message.streamName());
        StreamDetails details = new StreamDetails(name == null ? stream.value() : name,
                message.metaData() == null ? "" : message.metaData(), !Boolean.FALSE.equals(message.video()),
                !Boolean.FALSE.equals(message.audio()), System.currentTimeMillis());
        StreamService.Published published = streams.publish(from, stream, conference, details);
        if (published.viaMediaServer()) {
            directory.send(from, StartPublishing.of(stream.value(), published.ladder())); // publish_started follows once media flows
            publishTimeouts.published(from, stream);
        } else {
            directory.send(from, PublishStarted.of(stream.value(), published.ladder()));
            happened.fire(new StreamEvent.Live(stream, null));
        }
    }

    void play(SessionId from, Play message) {
        StreamId stream = new StreamId(message.streamId());
        if (conferenceService.isRoom(stream)) {
            conferences.play(from, message);
            return;
        }
        tokens.check(from, Action.PLAY, stream, message.token());
        StreamService.Viewing viewing = streams.play(from, stream, SubscriberId.optional(message.subscriberId()));
        if (viewing.offer().isPresent()) {
            // play_started follows once media flows
            directory.send(from, Configuration.fromMediaServer(stream.value(), "offer", viewing.offer().get().sdp(),
                    viewing.offer().get().idMapping()));
            return;
        }
        routes.playing(viewing);
        directory.send(from, Notification.of(Notice.PLAY_STARTED, stream.value()));
        happened.fire(new StreamEvent.PlayStarted(stream, viewing.subscriberId()));
        directory.send(viewing.publisher(), Signal.start(stream.value(), viewing.subscriberId()));
    }

    void stop(SessionId from, Stop message) {
        stop(from, new StreamId(message.streamId()));
    }

    /**
     * Stops {@code from}'s part in {@code stream}, as its {@code stop} or the media server's ending
     * it does: a stream it publishes or plays, or else a conference it plays.
     */
    void stop(SessionId from, StreamId stream) {
        if (conferenceService.stopsRoom(from, stream)) {
            conferences.stop(from, stream);
            return;
        }
        Stopped stopped = streams.stop(from, stream);
        routes.stopped(stopped);
        Notice done = stopped instanceof Stopped.Unpublished ? Notice.PUBLISH_FINISHED : Notice.PLAY_FINISHED;
        directory.send(from, Notification.of(done, stream.value()));
        tellOthers(stopped);
    }

    /** Stops every stream {@code from} published into the conference of {@code room}, as its leaving the room does. */
    void stopPublishedInto(SessionId from, RoomId room) {
        for (StreamId stream : streams.publishedInto(from, room.value())) {
            try {
                stop(from, stream);
            } catch (SignalingException e) {
                LOG.log(Level.DEBUG, "{0} had stopped {1}: {2}", from, stream, e.getMessage());
            }
        }
    }

    void getStreamInfo(SessionId from, GetStreamInfo message) {
        StreamId stream = new StreamId(message.streamId());
        directory.send(from, StreamInformation.of(stream.value(), quality.streamInfo(stream)));
    }

    /** Anyone may ask how many play a stream; none when nobody publishes it, as Ant Media counts. */
    void getSubscriberCount(SessionId from, GetSubscriberCount message) {
        StreamId stream = new StreamId(message.streamId());
        directory.send(from, SubscriberCount.of(stream.value(), streams.viewerCount(stream)));
    }

    void forceStreamQuality(SessionId from, ForceStreamQuality message) {
        StreamId stream = new StreamId(message.streamId());
        StreamQuality.QualityForced forced = quality.force(from, stream, message.streamHeight());
        forced.publisher().ifPresent(publisher ->
                directory.send(publisher, ForceQuality.of(stream.value(), forced.subscriberId(), forced.height())));
        directory.send(from, ResolutionChange.of(stream.value(), forced.height()));
    }

    /** Lets viewers' subscriptions on this node go when their publisher stops, wherever that happens. */
    void releaseMediaHere(@Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class) Object started) {
        directory.onMedia(SessionDirectory.MediaChange.RELEASE, (viewer, stream) -> streamMedia.release(viewer, new StreamId(stream)));
    }

    /** Tells the publisher and viewers of a stream an admin deleted over REST that it has ended. */
    void deleted(@Observes Stopped.Unpublished ended) {
        if (streams.forwardsMedia()) {
            // The publisher's feed is on its own node's media server connection: let go of there
            // (here it went already, when the publisher is on this node).
            directory.changeMedia(ended.publisher(), ended.stream().value(), SessionDirectory.MediaChange.RELEASE);
        }
        routes.stopped(ended);
        directory.send(ended.publisher(), Notification.of(Notice.PUBLISH_FINISHED, ended.stream().value()));
        tellOthers(ended);
    }

    /** Ends everything a closed session (or a WHIP session that ended) published or played, telling the sessions concerned. */
    public void release(SessionId session) {
        conferences.release(session);
        List<Stopped> stopped = streams.release(session);
        stopped.forEach(routes::stopped);
        stopped.forEach(this::tellOthers);
    }

    /** Tells the other side what {@code stopped} ended, and whoever listens for stream events. */
    private void tellOthers(Stopped stopped) {
        String stream = stopped.stream().value();
        if (stopped instanceof Stopped.Unpublished unpublished) {
            unpublished.viewers().keySet().forEach(viewer -> happened.fire(new StreamEvent.PlayStopped(stopped.stream(), viewer)));
            happened.fire(new StreamEvent.Ended(stopped.stream(), unpublished.conference()));
            unpublished.viewers().values().forEach(viewer -> {
                if (streams.forwardsMedia()) {
                    // The viewer's subscription goes on its own node; its connection is kept, as
                    // Ant Media's player retries on it until the stream is back.
                    directory.changeMedia(viewer, stream, SessionDirectory.MediaChange.RELEASE);
                } else {
                    directory.send(viewer, Signal.stop(stream, null));
                }
                directory.send(viewer, Notification.of(Notice.PLAY_FINISHED, stream));
            });
        } else if (stopped instanceof Stopped.Unplayed unplayed) {
            happened.fire(new StreamEvent.PlayStopped(stopped.stream(), unplayed.subscriberId()));
            if (!streams.forwardsMedia()) {
                // Through the media server the publisher has no connection per viewer to close.
                directory.send(unplayed.publisher(), Signal.stop(stream, unplayed.subscriberId()));
            }
        }
    }
}
