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
 * Turns what happens to streams into Ant Media's hooks, sent from the node where it happened:
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
        Optional<URI> url = config.url().map(URI::create);
        if (url.isEmpty()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<StreamDetails> details = streams.details(event.stream());
        fields.put("streamName", details.map(StreamDetails::name).orElseGet(() -> registeredName(event.stream())));
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
        details.map(StreamDetails::metaData).ifPresent(metadata -> fields.put("metadata", metadata));
        sender.send(url.get(), Hook.of(action, event.stream().value(), fields));
    }

    private String registeredName(StreamId stream) {
        return registry.find(stream).map(StreamRegistry.Registration::name).orElse(null);
    }

    private static void room(Map<String, String> fields, String conference) {
        fields.put("mainTrackId", conference);
        fields.put("roomId", conference);
    }
}
