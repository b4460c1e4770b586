package io.signalbox.recording;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.json.StrictJson;
import io.signalbox.media.Feed;
import io.signalbox.media.MediaConfig;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.SessionCalls;
import io.signalbox.stream.Broadcast;
import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamRegistry;
import io.signalbox.stream.StreamService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Recording a live stream through Janus, as Ant Media's recording call does: started and stopped
 * on the publisher's own node (which holds its handle on Janus: {@link SessionCalls}), and, once
 * it stops (the call, or the stream ending), converted into one WebM or MP4 file off the request and
 * socket threads, kept as a {@link Vod}, and announced with the {@code vodReady} hook. Which
 * streams record is in the shared maps, so whichever node takes a recording out of them converts it.
 */
@ApplicationScoped
public class RecordingService {
    private static final System.Logger LOG = System.getLogger(RecordingService.class.getName());
    private static final String OPERATION = "media.record";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** The types Ant Media's call takes, both made here. */
    static final String WEBM = "webm";
    static final String MP4 = "mp4";

    /** What the publisher's node is asked: record {@code stream} under {@code base}, or stop (no base). */
    public record Order(String stream, String base) {
    }

    /** What Ant Media's recording call did: its message, and the VoD the recording becomes (none for a stream not live). */
    public record Outcome(String message, String vodId) {
    }

    @Inject
    SharedMaps maps;

    @Inject
    StreamService streams;

    @Inject
    SessionCalls calls;

    @Inject
    MediaServer media;

    @Inject
    MediaConfig mediaConfig;

    @Inject
    RecordingConfig config;

    @Inject
    VodRegistry vods;

    @Inject
    StreamRegistry registry;

    @Inject
    Event<StreamEvent> happened;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Converter converter;
    private ScheduledFuture<?> watching;
    private Counter converted;
    private Counter failed;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        calls.on(OPERATION, this::recordHere);
        converter = new Converter(config);
        converted = metrics.counter(Metadata.builder().withName("signalbox.recordings.converted")
                .withDescription("Recordings turned into a VoD file").build());
        failed = metrics.counter(Metadata.builder().withName("signalbox.recordings.failed")
                .withDescription("Recordings whose conversion failed or took too long; their track files are kept").build());
        watching = scheduler.scheduleWithFixedDelay(this::watchFloor, 10, 10, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopWatching() {
        if (watching != null) {
            watching.cancel(false);
        }
    }

    /**
     * Ant Media's recording call: on a live stream, starts ({@code on}) or stops its recording; on
     * a registered stream that is not live, sets whether it records as {@code type} once it is
     * (its {@code mp4Enabled} or {@code webMEnabled}); no_stream_exist when it is neither.
     */
    public CompletableFuture<Outcome> set(StreamId stream, String type, boolean on) {
        requireType(type);
        requireMediaServer(stream);
        if (streams.broadcast(stream).isEmpty()) {
            registry.recordSetting(stream, type, on ? 1 : -1);
            return CompletableFuture.completedFuture(new Outcome(on ? "records from its first frame once live" : "does not record once live", null));
        }
        return on ? start(stream, type).thenApply(r -> new Outcome("started", r.vodId()))
                : stop(stream).thenApply(r -> new Outcome("stopped", r.vodId()));
    }

    /**
     * What {@code registration} (none: an unregistered stream) records from its first frame:
     * {@code mp4} or {@code webm} when its setting for that type is 1, else the server's default
     * type unless its setting for that type is -1; empty: nothing.
     */
    static Optional<String> typeToRecord(Optional<StreamRegistry.Registration> registration, Optional<String> serverDefault) {
        if (registration.map(r -> r.mp4Enabled() == 1).orElse(false)) {
            return Optional.of(MP4);
        }
        if (registration.map(r -> r.webMEnabled() == 1).orElse(false)) {
            return Optional.of(WEBM);
        }
        return serverDefault.filter(type -> registration.map(r -> r.recordSetting(type) != -1).orElse(true));
    }

    /** A stream whose media began to flow records from its first frame when its registration, or the server, says so. */
    void live(@Observes StreamEvent event) {
        if (!(event instanceof StreamEvent.Live) || !media.forwards()) {
            return;
        }
        Optional<String> type = typeToRecord(registry.find(event.stream()), config.defaultType());
        if (type.isEmpty() || recording(event.stream())) {
            return;
        }
        try {
            start(event.stream(), type.get()).whenComplete((recording, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "recording " + event.stream() + " from its first frame failed: " + failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording " + event.stream() + " from its first frame failed: " + e.getMessage());
        }
    }

    /** Below the free-space floor, every recording under way is stopped, and kept. */
    private void watchFloor() {
        try {
            if (recordings().isEmpty() || !floor().below()) {
                return;
            }
            for (String stream : List.copyOf(recordings().keySet())) {
                LOG.log(Level.WARNING, "{0} is below its free-space floor: stopping the recording of {1}", config.directory(), stream);
                try {
                    stop(new StreamId(stream));
                } catch (SignalingException e) {
                    // stopped meanwhile
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "watching the recording folder's free space failed; again in 10 s", e);
        }
    }

    private DiskFloor floor() {
        return new DiskFloor(config.directory(), config.minFreeBytes());
    }

    private static void requireType(String type) {
        if (!WEBM.equals(type) && !MP4.equals(type)) {
            throw new SignalingException(ErrorDefinition.UNSUPPORTED_RECORD_TYPE, "recordType " + type + " is neither webm nor mp4");
        }
    }

    private void requireMediaServer(StreamId stream) {
        if (!media.forwards()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_REQUIRED, "no media server records " + stream + " under mesh");
        }
    }

    private Map<String, Recording> recordings() {
        return maps.map("signalbox.recordings");
    }

    /** Whether {@code stream} records now. */
    public boolean recording(StreamId stream) {
        return recordings().containsKey(stream.value());
    }

    /**
     * Starts recording live {@code stream} as {@code type}: media_server_required under mesh,
     * unsupported_record_type for another type than webm or mp4, no_stream_exist when it is not live,
     * insufficient_storage below the folder's free-space floor, already_recording when it records already.
     */
    public CompletableFuture<Recording> start(StreamId stream, String type) {
        requireType(type);
        requireMediaServer(stream);
        Broadcast broadcast = streams.broadcast(stream)
                .orElseThrow(() -> new SignalingException(ErrorDefinition.NO_STREAM_EXIST, "nobody publishes " + stream));
        Path directory = directory();
        floor().require("no recording of " + stream + " starts");
        long now = System.currentTimeMillis();
        String vodId = UUID.randomUUID().toString();
        String base = directory.resolve(stream.value() + "-" + STAMP.format(Instant.ofEpochMilli(now)) + "-" + vodId.substring(0, 8)).toString();
        String name = streams.details(stream).map(StreamDetails::name).orElse(stream.value());
        Recording recording = new Recording(stream.value(), name, vodId, base, type, now);
        if (recordings().putIfAbsent(stream.value(), recording) != null) {
            throw new SignalingException(ErrorDefinition.ALREADY_RECORDING, stream + " records already");
        }
        return ask(broadcast.publisher(), new Order(stream.value(), base)).handle((done, failure) -> {
            if (failure != null) {
                recordings().remove(stream.value(), recording);
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
            LOG.log(Level.INFO, "recording {0} into {1}", stream, base);
            return recording;
        });
    }

    /**
     * Stops recording {@code stream} and converts what was recorded: not_recording when it does
     * not record. Janus is asked to close the files while the stream is live; converted anyway.
     */
    public CompletableFuture<Recording> stop(StreamId stream) {
        Recording recording = recordings().remove(stream.value());
        if (recording == null) {
            throw new SignalingException(ErrorDefinition.NOT_RECORDING, stream + " does not record");
        }
        CompletableFuture<String> stopped = streams.broadcast(stream)
                .map(broadcast -> ask(broadcast.publisher(), new Order(stream.value(), null)))
                .orElse(CompletableFuture.completedFuture(""));
        return stopped.handle((done, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "Janus did not close the recording of {0} ({1}); converting what it wrote", stream, failure.getMessage());
            }
            convertLater(recording);
            return recording;
        });
    }

    /** A stream that ends stops its recording, which is converted. */
    void ended(@Observes StreamEvent event) {
        if (event instanceof StreamEvent.Ended) {
            Recording recording = recordings().remove(event.stream().value());
            if (recording != null) {
                convertLater(recording);
            }
        }
    }

    private CompletableFuture<String> ask(SessionId publisher, Order order) {
        Duration timeout = Duration.ofMillis(mediaConfig.requestTimeoutMillis()).plusSeconds(1);
        return calls.call(publisher, OPERATION, StrictJson.JSONB.toJson(order), timeout);
    }

    /** On the publisher's node and lane: Janus records the feed it publishes, or stops. */
    private String recordHere(SessionId publisher, String argument) {
        Order order = StrictJson.JSONB.fromJson(argument, Order.class);
        media.record(publisher, new Feed(order.stream()), Optional.ofNullable(order.base()));
        return "";
    }

    private void convertLater(Recording recording) {
        executor.submit(() -> convert(recording));
    }

    private void convert(Recording recording) {
        try {
            Converter.Made made = converter.convert(Path.of(recording.base()), recording.type());
            Vod vod = new Vod(recording.vodId(), recording.streamId(), recording.streamName(), made.file().getFileName().toString(),
                    made.file().toString(), Files.size(made.file()), made.durationMillis(), recording.startedMillis(), Vod.STREAM_VOD);
            vods.add(vod);
            converted.inc();
            LOG.log(Level.INFO, "recording of {0} is VoD {1}: {2} ms, {3} bytes", recording.streamId(), vod.vodId(), vod.duration(), vod.fileSize());
            happened.fire(new StreamEvent.VodReady(new StreamId(recording.streamId()), vod.vodName(), vod.vodId()));
        } catch (IOException | RuntimeException e) {
            failed.inc();
            LOG.log(Level.WARNING, "converting the recording of " + recording.streamId() + " (" + recording.base() + ") failed; its tracks are kept", e);
        } catch (InterruptedException e) {
            failed.inc();
            Thread.currentThread().interrupt();
        }
    }

    private Path directory() {
        Path directory = config.directory();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + directory, e);
        }
        return directory;
    }
}
