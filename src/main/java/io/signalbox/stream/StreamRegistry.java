package io.signalbox.stream;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.encoding.EncoderSetting;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streams registered through the REST API, and the {@code signalbox.streams.allow-unregistered}
 * check that {@code publish} and {@code join} go through.
 */
@ApplicationScoped
public class StreamRegistry {

    /**
     * What is kept of a registration: Ant Media's {@code name}, {@code metaData} and
     * {@code listenerHookURL} (where this stream's hooks go instead of the application's; empty:
     * there), and its own encoder ladder.
     */
    public record Registration(StreamId stream, String name, List<EncoderSetting> encoderSettings, String metaData,
            String listenerHookURL, int mp4Enabled, int webMEnabled) implements Serializable {

        public Registration {
            name = name == null ? "" : name;
            encoderSettings = encoderSettings == null ? List.of() : List.copyOf(encoderSettings);
            metaData = metaData == null ? "" : metaData;
            listenerHookURL = listenerHookURL == null ? "" : requireHookUrl(listenerHookURL);
            requireRecordSetting("mp4Enabled", mp4Enabled);
            requireRecordSetting("webMEnabled", webMEnabled);
        }

        public Registration(StreamId stream, String name, List<EncoderSetting> encoderSettings, String metaData, String listenerHookURL) {
            this(stream, name, encoderSettings, metaData, listenerHookURL, 0, 0);
        }

        /** Ant Media's {@code mp4Enabled} or {@code webMEnabled} for {@code type}: 1 records it, -1 does not, 0 follows the server. */
        public int recordSetting(String type) {
            return "webm".equals(type) ? webMEnabled : mp4Enabled;
        }

        Registration withRecordSetting(String type, int setting) {
            return new Registration(stream, name, encoderSettings, metaData, listenerHookURL,
                    "webm".equals(type) ? mp4Enabled : setting, "webm".equals(type) ? setting : webMEnabled);
        }
    }

    private static void requireRecordSetting(String name, int value) {
        if (value < -1 || value > 1) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, name + " is 1 (record), -1 (do not) or 0 (as the server does), not " + value);
        }
    }

    /** What an update changes: each field given (not null) replaces the registration's. */
    public record Change(String name, String metaData, String listenerHookURL) {
    }

    @Inject
    SharedMaps maps;

    @Inject
    StreamsConfig config;

    private Map<String, Registration> registrations() {
        return maps.map("signalbox.streams.registered");
    }

    public Registration register(Registration registration) {
        StreamId stream = registration.stream();
        if (registrations().putIfAbsent(stream.value(), registration) != null) {
            throw new SignalingException(ErrorDefinition.ALREADY_REGISTERED, stream + " is registered already");
        }
        return registration;
    }

    /** Applies {@code change} to the registration of {@code stream}; no_stream_exist when it is not registered. */
    public Registration update(StreamId stream, Change change) {
        if (change.listenerHookURL() != null) {
            requireHookUrl(change.listenerHookURL());
        }
        Registration updated = registrations().computeIfPresent(stream.value(), (id, r) -> new Registration(stream,
                change.name() != null ? change.name() : r.name(), r.encoderSettings(),
                change.metaData() != null ? change.metaData() : r.metaData(),
                change.listenerHookURL() != null ? change.listenerHookURL() : r.listenerHookURL(), r.mp4Enabled(), r.webMEnabled()));
        if (updated == null) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, stream + " is not registered");
        }
        return updated;
    }

    /**
     * Sets whether registered {@code stream} records as {@code type} once it is live (Ant Media's
     * recording call on a broadcast that is not live); no_stream_exist when it is not registered.
     */
    public Registration recordSetting(StreamId stream, String type, int setting) {
        Registration updated = registrations().computeIfPresent(stream.value(), (id, r) -> r.withRecordSetting(type, setting));
        if (updated == null) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, stream + " is neither live nor registered");
        }
        return updated;
    }

    /** {@code url} if it is empty or an absolute http(s) URL; else invalid_hook_url. */
    public static String requireHookUrl(String url) {
        if (url.isEmpty()) {
            return url;
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new SignalingException(ErrorDefinition.INVALID_HOOK_URL, "listenerHookURL is not an http(s) URL");
    }

    public Optional<Registration> find(StreamId stream) {
        return Optional.ofNullable(registrations().get(stream.value()));
    }

    /** Registrations in id order, {@code size} of them from {@code offset}. */
    public List<Registration> list(int offset, int size) {
        return registrations().values().stream().sorted(Comparator.comparing(r -> r.stream().value())).skip(Math.max(0, offset)).limit(Math.max(0, size)).toList();
    }

    /** How many streams are registered; with {@code search}, those whose id or name contains it, in any case. */
    public long count(Optional<String> search) {
        return search.map(text -> text.toLowerCase(Locale.ROOT)).map(text -> registrations().values().stream()
                .filter(r -> r.stream().value().toLowerCase(Locale.ROOT).contains(text) || r.name().toLowerCase(Locale.ROOT).contains(text))
                .count()).orElseGet(() -> (long) registrations().size());
    }

    public boolean remove(StreamId stream) {
        return registrations().remove(stream.value()) != null;
    }

    /** Refuses an unregistered stream when the configuration allows only registered ones. */
    public void requireAllowed(StreamId stream) {
        if (!config.allowUnregistered() && !registrations().containsKey(stream.value())) {
            throw new SignalingException(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS, stream + " is not registered");
        }
    }
}
