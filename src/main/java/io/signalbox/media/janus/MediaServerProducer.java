package io.signalbox.media.janus;

import io.signalbox.media.MediaConfig;
import io.signalbox.media.MediaServer;
import io.signalbox.media.MeshMedia;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Makes the one {@link MediaServer} of the application from {@code signalbox.media.backend}, and connects to Janus at start. */
@ApplicationScoped
public class MediaServerProducer {

    @Inject
    MediaConfig config;

    @Inject
    Instance<JanusMedia> janus;

    @Produces
    @ApplicationScoped
    MediaServer mediaServer() {
        return config.sfu() ? janus.get() : new MeshMedia();
    }

    void connect(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.sfu()) {
            janus.get().start();
        }
    }
}
