package io.signalbox.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Makes the one {@link SharedState} of the application from {@code signalbox.cluster.enabled}, and closes it on undeploy. */
@ApplicationScoped
public class SharedStateProducer {

    @Produces
    @ApplicationScoped
    SharedState sharedState(ClusterConfig config) {
        return config.enabled() ? new HazelcastState(config) : new LocalState();
    }

    void close(@Disposes SharedState state) {
        state.close();
    }
}
