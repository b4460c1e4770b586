package io.signalbox.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code signalbox.rooms.*} MicroProfile Config keys. */
@ApplicationScoped
public class RoomsConfig {

    /** Most streams one room may hold; 0 means no limit. A mesh call tires well before 16. */
    @Inject
    @ConfigProperty(name = "signalbox.rooms.max-participants", defaultValue = "16")
    int maxParticipants;

    /** Whether {@code joinRoom} accepts rooms not registered over REST. */
    @Inject
    @ConfigProperty(name = "signalbox.rooms.allow-unregistered", defaultValue = "true")
    boolean allowUnregistered;

    public boolean allowUnregistered() {
        return allowUnregistered;
    }

    public int maxParticipants() {
        return maxParticipants;
    }
}
