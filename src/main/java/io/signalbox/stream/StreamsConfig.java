package io.signalbox.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code signalbox.streams.*} MicroProfile Config keys. */
@ApplicationScoped
public class StreamsConfig {

    /** Most viewers one published stream may have at once; 0 means no limit. */
    @Inject
    @ConfigProperty(name = "signalbox.streams.max-viewers", defaultValue = "100")
    int maxViewers;

    /** Whether {@code publish} and {@code join} accept streams not registered over REST. */
    @Inject
    @ConfigProperty(name = "signalbox.streams.allow-unregistered", defaultValue = "true")
    boolean allowUnregistered;

    public boolean allowUnregistered() {
        return allowUnregistered;
    }

    public int maxViewers() {
        return maxViewers;
    }
}
