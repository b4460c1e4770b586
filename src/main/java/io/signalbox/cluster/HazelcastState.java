package io.signalbox.cluster;

import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.signalbox.session.SessionId;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The nodes of a Hazelcast cluster, this one an embedded member: shared maps are {@link IMap}s
 * (one backup each, so a node's death loses nothing of the others'), locks are map entry locks
 * (released when their holder dies), and each node reads frames for its sessions from its own
 * topic.
 */
final class HazelcastState implements SharedState {
    private static final System.Logger LOG = System.getLogger(HazelcastState.class.getName());
    private static final String LOCKS = "signalbox.locks";
    private static final String INBOX = "signalbox.inbox.";

    /** A frame on its way to a session of another node. */
    record Frame(String to, String text) implements Serializable {
    }

    private final HazelcastInstance hazelcast;
    private final String node;
    /** Releasing a dead node's sessions sends and locks; not on Hazelcast's event thread. */
    private final ExecutorService departures = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "signalbox-node-departures");
        thread.setDaemon(true);
        return thread;
    });

    HazelcastState(ClusterConfig config) {
        hazelcast = Hazelcast.newHazelcastInstance(hazelcastConfig(config));
        node = hazelcast.getCluster().getLocalMember().getUuid().toString();
        LOG.log(Level.INFO, "node {0} joined cluster {1} of {2} members", node, config.name(), members());
    }

    static Config hazelcastConfig(ClusterConfig config) {
        Config hz = new Config();
        hz.setClusterName(config.name());
        hz.setClassLoader(HazelcastState.class.getClassLoader());
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

    @Override
    public <K, V> ConcurrentMap<K, V> map(String name) {
        return hazelcast.getMap(name);
    }

    @Override
    public <T> T locked(String name, Supplier<T> action) {
        IMap<String, Boolean> locks = hazelcast.getMap(LOCKS);
        locks.lock(name);
        try {
            return action.get();
        } finally {
            locks.unlock(name);
        }
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public boolean isRemote(SessionId session) {
        return session.node().filter(other -> !other.equals(node)).isPresent();
    }

    @Override
    public void deliver(SessionId to, String frame) {
        String owner = to.node().orElseThrow(() -> new IllegalArgumentException(to + " names no node"));
        hazelcast.<Frame>getTopic(INBOX + owner).publish(new Frame(to.value(), frame));
    }

    @Override
    public void onDelivery(BiConsumer<SessionId, String> receiver) {
        hazelcast.<Frame>getTopic(INBOX + node).addMessageListener(
                message -> receiver.accept(new SessionId(message.getMessageObject().to()), message.getMessageObject().text()));
    }

    @Override
    public void onNodeLeft(Consumer<String> listener) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        hazelcast.getCluster().addMembershipListener(new MembershipAdapter() {
            @Override
            public void memberRemoved(MembershipEvent event) {
                String left = event.getMember().getUuid().toString();
                LOG.log(Level.WARNING, "node {0} left the cluster: releasing its sessions", left);
                departures.execute(() -> {
                    Thread.currentThread().setContextClassLoader(loader);
                    listener.accept(left);
                });
            }
        });
    }

    @Override
    public int members() {
        return hazelcast.getCluster().getMembers().size();
    }

    @Override
    public void close() {
        departures.shutdownNow();
        hazelcast.shutdown();
    }
}
