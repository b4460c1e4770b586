package io.signalbox.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The media plane's MicroProfile Metrics of this node, on {@code /metrics}: its handles on the
 * SFU by what they do, whether the SFU is reachable, and how long each call to it took, by verb
 * and outcome (a histogram, its buckets set in {@code META-INF/microprofile-config.properties}).
 */
@ApplicationScoped
public class MediaMetrics {
    static final String PUBLISHERS = "signalbox.media.publishers";
    static final String VIEWERS = "signalbox.media.viewers";
    static final String CONFERENCE_VIEWERS = "signalbox.media.conference.viewers";
    static final String REACHABLE = "signalbox.media.reachable";
    static final String CALL_TIME = "signalbox.media.call.time";

    @Inject
    MetricRegistry registry;

    @Inject
    MediaServer media;

    private final Map<String, Timer> calls = new ConcurrentHashMap<>();

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge(PUBLISHERS, "Feeds this node publishes into the SFU", () -> media.handles().publishers());
        gauge(VIEWERS, "Viewers of one feed this node holds on the SFU", () -> media.handles().viewers());
        gauge(CONFERENCE_VIEWERS, "Conference subscriptions this node holds on the SFU", () -> media.handles().conferenceViewers());
        gauge(REACHABLE, "1 while the media plane can carry streams (always under mesh; under janus, while Janus is connected), else 0",
                () -> media.reachable() ? 1 : 0);
    }

    /** Records that a call to the SFU ended after {@code nanos}: answered, or failed or timed out. */
    public void called(String verb, long nanos, boolean answered) {
        calls.computeIfAbsent(verb + (answered ? "" : " failed"), k -> registry.timer(Metadata.builder().withName(CALL_TIME)
                .withDescription("From a request to the SFU to its answer (for a plugin message that answers later, its event), by verb and outcome")
                .withUnit(MetricUnits.SECONDS).build(), new Tag("request", verb), new Tag("outcome", answered ? "answered" : "failed")))
                .update(Duration.ofNanos(nanos));
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE).build(),
                value, Supplier::get);
    }
}
