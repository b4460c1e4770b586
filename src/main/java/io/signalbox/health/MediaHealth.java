package io.signalbox.health;

import io.signalbox.media.MediaConfig;
import io.signalbox.media.MediaServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports on {@code /health/ready} whether the media plane can carry streams: always under
 * mesh; under janus, only while Janus is connected, so a load balancer sends no one to a node
 * that would answer media_server_unavailable.
 */
@Readiness
@ApplicationScoped
public class MediaHealth implements HealthCheck {

    @Inject
    MediaConfig config;

    @Inject
    MediaServer media;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("media")
                .status(media.reachable())
                .withData("backend", config.backend())
                .withData("mediaServerHandles", media.handles().total())
                .build();
    }
}
