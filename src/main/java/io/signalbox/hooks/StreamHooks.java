package io.signalbox.hooks;

import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamRegistry;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what happens to streams into Ant Media's hooks, sent from the node where it happened.
 * A stream's hooks go to its own {@code listenerHookURL} when its registration has one, a room's
 * conference hooks to the room's (a broadcast registered under the room's id), else to
 * {@code signalbox.webhooks.url}:
 * <ul>
 * <li>{@code liveStreamStarted}, {@code liveStreamEnded} and {@code publishTimeoutError}, with the
 * room as {@code mainTrackId} and {@code roomId};</li>
 * <li>{@code playStarted} and {@code playStopped}, with {@code subscriberId};</li>
 * <li>{@code subtrackAddedInTheMainTrack} and {@code subtrackLeftTheMainTrack} (about the stream,
 * with its room), {@code firstActiveTrackAddedInMainTrack} (about the stream, with its room)
 * and {@code noActiveSubtracksLeftInMainTrack} (about the room);</li>
 * <li>{@code vodReady}, with {@code vodName} and {@code vodId}, once a recording is kept.</li>
 * </ul>
 * Each carries the stream's name (its publisher's {@code streamName}, else its registered name)
 * and {@code metadata} when known.
 */
@ApplicationScoped
public class StreamHooks {
    static final String STARTED = "liveStreamStarted";
    static final String ENDED = "liveStreamEnded";
    static final String PLAY_STARTED = "playStarted";
    static final String PLAY_STOPPED = "playStopped";
    static final String PUBLISH_TIMEOUT = "publishTimeoutError";
    static final String TRACK_ADDED = "subtrackAddedInTheMainTrack";
    static final String TRACK_LEFT = "subtrackLeftTheMainTrack";
    static final String FIRST_TRACK = "firstActiveTrackAddedInMainTrack";
    static final String NO_TRACK_LEFT = "noActiveSubtracksLeftInMainTrack";
    static final String VOD_READY = "vodReady";

    @Inject
    HooksConfig config;

    @Inject
    HookSender sender;

    @Inject
    StreamService streams;

    @Inject
    StreamRegistry registry;

    void happened(@Observes StreamEvent event) {
        StreamId stream = event.stream();
        if (event instanceof StreamEvent.Live live) {
            send(stream, STARTED, stream, null, live.conference());
        } else if (event instanceof StreamEvent.Ended ended) {
            send(stream, ENDED, stream, null, ended.conference());
        } else if (event instanceof StreamEvent.PublishTimedOut timedOut) {
            send(stream, PUBLISH_TIMEOUT, stream, null, timedOut.conference());
        } else if (event instanceof StreamEvent.PlayStarted play) {
            send(stream, PLAY_STARTED, stream, play.subscriberId(), null);
        } else if (event instanceof StreamEvent.PlayStopped play) {
            send(stream, PLAY_STOPPED, stream, play.subscriberId(), null);
        } else if (event instanceof StreamEvent.VodReady ready) {
            send(stream, VOD_READY, stream, null, null, Map.of("vodName", ready.vodName(), "vodId", ready.vodId()));
        } else if (event instanceof StreamEvent.TrackAdded added) {
            StreamId room = new StreamId(added.room());
            send(room, TRACK_ADDED, stream, null, added.room());
            if (added.first()) {
                send(room, FIRST_TRACK, stream, null, added.room());
            }
        } else if (event instanceof StreamEvent.TrackLeft left) {
            StreamId room = new StreamId(left.room());
            send(room, TRACK_LEFT, stream, null, left.room());
            if (left.last()) {
                send(room, NO_TRACK_LEFT, room, null, null);
            }
        }
    }

    /**
     * Sends {@code action} about {@code about} to where {@code owner}'s hooks go, if anywhere;
     * {@code room}, when not null, as {@code mainTrackId} and {@code roomId}.
     */
    private void send(StreamId owner, String action, StreamId about, String subscriberId, String room) {
        send(owner, action, about, subscriberId, room, Map.of());
    }

    /** As {@link #send(StreamId, String, StreamId, String, String)}, with {@code more} fields (a VoD's). */
    private void send(StreamId owner, String action, StreamId about, String subscriberId, String room, Map<String, String> more) {
        Optional<StreamRegistry.Registration> ownerRegistration = registry.find(owner);
        Optional<URI> url = ownerRegistration.map(StreamRegistry.Registration::listenerHookURL).filter(u -> !u.isEmpty())
                .or(config::url).map(URI::create);
        if (url.isEmpty()) {
            return;
        }
        Optional<StreamRegistry.Registration> registration = owner.equals(about) ? ownerRegistration : registry.find(about);
        Optional<StreamDetails> details = streams.details(about);
        Map<String, String> fields = new LinkedHashMap<>();
        // The publisher's streamName; else (it gave none, and its name is the stream's id) the registered name.
        fields.put("streamName", details.map(StreamDetails::name).filter(name -> !name.equals(about.value()))
                .or(() -> registration.map(StreamRegistry.Registration::name).filter(name -> !name.isEmpty()))
                .orElse(about.value()));
        fields.put("mainTrackId", room);
        fields.put("roomId", room);
        fields.put("subscriberId", subscriberId);
        fields.putAll(more);
        fields.put("metadata", details.map(StreamDetails::metaData).filter(m -> !m.isEmpty())
                .orElseGet(() -> registration.map(StreamRegistry.Registration::metaData).orElse(null)));
        sender.send(url.get(), Hook.of(action, about.value(), fields));
    }
}
