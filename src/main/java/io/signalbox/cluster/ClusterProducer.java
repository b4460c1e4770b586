package io.signalbox.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * Makes the application's {@link SharedMaps} and {@link Nodes} from {@code signalbox.cluster.*}:
 * in this JVM alone, or on one embedded Hazelcast member that it starts and, on undeploy, stops.
 */
@ApplicationScoped
public class ClusterProducer {
    private static final System.Logger LOG = System.getLogger(ClusterProducer.class.getName());

    @Inject
    ClusterConfig config;

    @Resource
    ManagedExecutorService executor;

    private HazelcastInstance hazelcast;

    @PostConstruct
    void start() {
        if (config.enabled()) {
            try {
                hazelcast = Hazelcast.newHazelcastInstance(hazelcastConfig(config));
            } catch (LinkageError e) {
                // Payara Micro 6 puts its own Hazelcast (5.3.8-payara-1) before the WAR's: the two mix and fail.
                throw new IllegalStateException("signalbox.cluster.enabled=true needs the Hazelcast "
                        + "5.7 in Signalbox's WAR, but this server's class loader gives its own Hazelcast ("
                        + com.hazelcast.instance.BuildInfoProvider.getBuildInfo().getVersion()
                        + ") first; clustering runs on Open Liberty (see docs/operations.md, Payara)", e);
            }
            LOG.log(Level.INFO, "node {0} joined cluster {1} of {2} members",
                    hazelcast.getCluster().getLocalMember().getUuid(), config.name(), hazelcast.getCluster().getMembers().size());
        }
    }

    @PreDestroy
    void stop() {
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
    }

    @Produces
    @ApplicationScoped
    SharedMaps sharedMaps() {
        return hazelcast == null ? new LocalMaps() : new HazelcastMaps(hazelcast);
    }

    @Produces
    @ApplicationScoped
    Nodes nodes() {
        return hazelcast == null ? new LocalNode() : new HazelcastNodes(hazelcast, executor);
    }

    static Config hazelcastConfig(ClusterConfig config) {
        Config hz = new Config();
        hz.setClusterName(config.name());
        hz.setClassLoader(ClusterProducer.class.getClassLoader());
        hz.setProperty("hazelcast.logging.type", "jdk");
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(config.failureTimeoutSeconds()));
        hz.setProperty("hazelcast.wait.seconds.before.join", "1");
        hz.getNetworkConfig().setPort(config.port()).setPortAutoIncrement(false);
        JoinConfig join = hz.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        config.kubernetesServiceName().ifPresentOrElse(
                service -> join.getKubernetesConfig().setEnabled(true).setProperty("service-name", service)
                        .setProperty("service-port", String.valueOf(config.port())),
                () -> join.getTcpIpConfig().setEnabled(true).setMembers(config.members()));
        return hz;
    }
}
