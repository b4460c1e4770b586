package io.signalbox.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code signalbox.cluster.*}: whether nodes share state on Hazelcast, and how they find each other. */
@ApplicationScoped
public class ClusterConfig {

    /** Off: one node, state in memory, no Hazelcast started. */
    @Inject
    @ConfigProperty(name = "signalbox.cluster.enabled", defaultValue = "false")
    boolean enabled;

    /** Nodes join only a cluster of the same name. */
    @Inject
    @ConfigProperty(name = "signalbox.cluster.name", defaultValue = "signalbox")
    String name;

    /** The port Hazelcast members talk to each other on. */
    @Inject
    @ConfigProperty(name = "signalbox.cluster.port", defaultValue = "5701")
    int port;

    /** TCP-IP discovery: comma-separated {@code host[:port]} of the members. */
    @Inject
    @ConfigProperty(name = "signalbox.cluster.members", defaultValue = "127.0.0.1")
    String members;

    /** Kubernetes discovery instead of TCP-IP: the (headless) Service whose endpoints are the members. */
    @Inject
    @ConfigProperty(name = "signalbox.cluster.kubernetes.service-name")
    Optional<String> kubernetesServiceName;

    /** Seconds without a heartbeat before a node is taken for dead and its sessions released. */
    @Inject
    @ConfigProperty(name = "signalbox.cluster.failure-timeout-seconds", defaultValue = "10")
    int failureTimeoutSeconds;

    public boolean enabled() {
        return enabled;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public List<String> members() {
        return Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
    }

    public Optional<String> kubernetesServiceName() {
        return kubernetesServiceName.map(String::trim).filter(s -> !s.isEmpty());
    }

    public int failureTimeoutSeconds() {
        return failureTimeoutSeconds;
    }
}
