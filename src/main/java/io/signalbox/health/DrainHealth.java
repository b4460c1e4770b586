package io.signalbox.health;

import io.signalbox.signaling.Drain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the node drains ({@code POST /rest/v2/drain}), so that a load balancer sends
 * no new client here; still live, so that nothing restarts it before it stops.
 */
@Readiness
@ApplicationScoped
public class DrainHealth implements HealthCheck {

    @Inject
    Drain drain;

    @Override
    public HealthCheckResponse call() {
        boolean draining = drain.draining();
        return HealthCheckResponse.named("drain").status(!draining).withData("draining", draining).build();
    }
}
