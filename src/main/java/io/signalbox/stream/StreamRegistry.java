package io.signalbox.stream;

import io.signalbox.cluster.SharedMaps;
import io.signalbox.encoding.EncoderSetting;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams registered through the REST API, and the {@code signalbox.streams.allow-unregistered}
 * check that {@code publish} and {@code join} go through.
 */
@ApplicationScoped
public class StreamRegistry {

    /** What is kept of a registration. */
    public record Registration(StreamId stream, String name, List<EncoderSetting> encoderSettings) implements Serializable {
    }

    @Inject
    SharedMaps maps;

    @Inject
    StreamsConfig config;

    private Map<String, Registration> registrations() {
        return maps.map("signalbox.streams.registered");
    }

    public Registration register(StreamId stream, String name, List<EncoderSetting> encoderSettings) {
        Registration registration = new Registration(stream, name == null ? "" : name,
                encoderSettings == null ? List.of() : List.copyOf(encoderSettings));
        if (registrations().putIfAbsent(stream.value(), registration) != null) {
            throw new SignalingException(ErrorDefinition.ALREADY_REGISTERED, stream + " is registered already");
        }
        return registration;
    }

    public Optional<Registration> find(StreamId stream) {
        return Optional.ofNullable(registrations().get(stream.value()));
    }

    /** Registrations in id order, {@code size} of them from {@code offset}. */
    public List<Registration> list(int offset, int size) {
        return registrations().values().stream().sorted(Comparator.comparing(r -> r.stream().value())).skip(Math.max(0, offset)).limit(Math.max(0, size)).toList();
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
