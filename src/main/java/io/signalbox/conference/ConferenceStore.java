package io.signalbox.conference;

import io.signalbox.cluster.SessionIndex;
import io.signalbox.cluster.SharedMaps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The conferences on the media server in the shared maps, by room, and the conferences each
 * session plays. A change holds the lock of its room ({@link #locked}), which spans the cluster
 * when there is one, and is taken after a stream's lock when both are held, never before.
 */
@ApplicationScoped
class ConferenceStore {
    private static final String LOCK = "signalbox.conferences";

    @Inject
    SharedMaps maps;

    <T> T locked(String room, Supplier<T> change) {
        return maps.locked(LOCK + "/" + room, change);
    }

    Map<String, Conference> conferences() {
        return maps.map(LOCK);
    }

    /** The conferences each session plays. */
    SessionIndex<String> players() {
        return new SessionIndex<>(maps, "signalbox.conferences.players");
    }
}
