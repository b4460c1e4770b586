package io.signalbox.cluster;

import io.signalbox.session.SessionId;
import java.util.function.Consumer;

/**
 * The other nodes, for the signaling boundary alone: which node holds a session, delivery of a
 * payload to another node, and membership. {@link LocalNode} when not clustered,
 * {@link HazelcastNodes} when it is.
 */
public interface Nodes {

    /** The id of this node, which prefixes the ids of its sessions; empty when not clustered. */
    String self();

    /** Whether {@code session} lives on another node of the cluster. */
    default boolean isRemote(SessionId session) {
        String self = self();
        return !self.isEmpty() && session.node().filter(other -> !other.equals(self)).isPresent();
    }

    /**
     * Hands {@code payload} to {@code node}'s receiver without waiting for it. What one thread
     * hands to one node arrives in the order handed, once; what a dead node would have received is lost.
     */
    void send(String node, Object payload);

    /** Where payloads other nodes send to this one go, one at a time in the order they arrived. */
    void onReceive(Consumer<Object> receiver);

    /** Called, on a managed thread, with a node's id when it leaves the cluster (shut down, or found dead). */
    void onNodeLeft(Consumer<String> listener);

    /** How many nodes are in the cluster, this one included. */
    int members();
}
