package io.signalbox.cluster;

import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The members of a Hazelcast cluster: each node reads payloads for it from its own topic, whose
 * messages Hazelcast delivers in the order one member published them, on one event thread, so
 * they are handed on there rather than to a pool that would reorder them; a member leaving is
 * handled on the managed executor, as releasing its sessions locks and sends.
 */
final class HazelcastNodes implements Nodes {
    private static final System.Logger LOG = System.getLogger(HazelcastNodes.class.getName());
    private static final String INBOX = "signalbox.inbox.";

    private final HazelcastInstance hazelcast;
    private final ManagedExecutorService managed;
    private final String self;
    private final Map<String, ITopic<Object>> inboxes = new ConcurrentHashMap<>();

    HazelcastNodes(HazelcastInstance hazelcast, ManagedExecutorService managed) {
        this.hazelcast = hazelcast;
        this.managed = managed;
        this.self = hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public void send(String node, Object payload) {
        inboxes.computeIfAbsent(node, n -> hazelcast.getTopic(INBOX + n)).publish(payload);
    }

    @Override
    public void onReceive(Consumer<Object> receiver) {
        hazelcast.<Object>getTopic(INBOX + self).addMessageListener(message -> receiver.accept(message.getMessageObject()));
    }

    @Override
    public void onNodeLeft(Consumer<String> listener) {
        // The application's context, captured here on its thread, for tasks that Hazelcast's threads hand over.
        Consumer<String> inApplication = managed.getContextService().contextualConsumer(listener);
        hazelcast.getCluster().addMembershipListener(new MembershipAdapter() {
            @Override
            public void memberRemoved(MembershipEvent event) {
                String left = event.getMember().getUuid().toString();
                inboxes.remove(left);
                LOG.log(Level.WARNING, "node {0} left the cluster: releasing its sessions", left);
                managed.execute(() -> inApplication.accept(left));
            }
        });
    }

    @Override
    public int members() {
        return hazelcast.getCluster().getMembers().size();
    }
}
