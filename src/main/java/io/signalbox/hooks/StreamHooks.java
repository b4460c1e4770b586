package io.signalbox.hooks;

import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamEvent;
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
 * Turns what happens to streams into Ant Media's hooks, sent from the node where it happened, to
 * the stream's own {@code listenerHookURL} when its registration has one, else to
 * {@code signalbox.webhooks.url}:
 * {@code liveStreamStarted}, {@code liveStreamEnded}, {@code playStarted} and {@code playStopped}
 * (with {@code subscriberId}), each with the stream's name (its publisher's {@code streamName},
 * else its registered name) and {@code metadata} when known, and the room as
 * {@code mainTrackId} and {@code roomId}.
 */
@ApplicationScoped
public class StreamHooks {
    static final String STARTED = "liveStreamStarted";
    static final String ENDED = "liveStreamEnded";
    static final String PLAY_STARTED = "playStarted";
    static final String PLAY_STOPPED = "playStopped";

    @Inject
    HooksConfig config;

    @Inject
    HookSender sender;

    @Inject
    StreamService streams;

    @Inject
    StreamRegistry registry;

    void happened(@Observes StreamEvent event) {
        Optional<StreamRegistry.Registration> registration = registry.find(event.stream());
        Optional<URI> url = registration.map(StreamRegistry.Registration::listenerHookURL).filter(u -> !u.isEmpty())
                .or(config::url).map(URI::create);
        if (url.isEmpty()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<StreamDetails> details = streams.details(event.stream());
        // The publisher's streamName; else (it gave none, and its name is the stream's id) the registered name.
        fields.put("streamName", details.map(StreamDetails::name).filter(name -> !name.equals(event.stream().value()))
                .or(() -> registration.map(StreamRegistry.Registration::name).filter(name -> !name.isEmpty()))
                .orElse(event.stream().value()));
        String action;
        if (event instanceof StreamEvent.Live live) {
            room(fields, live.conference());
            action = STARTED;
        } else if (event instanceof StreamEvent.Ended ended) {
            room(fields, ended.conference());
            action = ENDED;
        } else if (event instanceof StreamEvent.PlayStarted play) {
            fields.put("subscriberId", play.subscriberId());
            action = PLAY_STARTED;
        } else {
            fields.put("subscriberId", ((StreamEvent.PlayStopped) event).subscriberId());
            action = PLAY_STOPPED;
        }
        fields.put("metadata", details.map(StreamDetails::metaData).filter(m -> !m.isEmpty())
                .orElseGet(() -> registration.map(StreamRegistry.Registration::metaData).orElse(null)));
        sender.send(url.get(), Hook.of(action, event.stream().value(), fields));
    }

    private static void room(Map<String, String> fields, String conference) {
        fields.put("mainTrackId", conference);
        fields.put("roomId", conference);
    }
}
