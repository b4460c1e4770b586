package io.signalbox.cluster;

import io.signalbox.session.SessionId;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the features keep what sessions share, and how a frame reaches a session on another
 * node: this JVM alone ({@link LocalState}, the default) or a Hazelcast cluster
 * ({@link HazelcastState}, {@code signalbox.cluster.enabled=true}). The services are the same
 * either way.
 */
public interface SharedState extends AutoCloseable {

    /**
     * The map shared under {@code name}. Treat values as copies, as they are in a cluster: to
     * change one, put a new one back, holding the lock of the map's owner.
     */
    <K, V> ConcurrentMap<K, V> map(String name);

    /** Runs {@code action} holding the lock named {@code name} on every node; re-entrant for a thread. */
    <T> T locked(String name, Supplier<T> action);

    /** The id of this node, which prefixes the ids of its sessions; empty when not clustered. */
    String node();

    /** Whether {@code session} lives on another node of the cluster. */
    boolean isRemote(SessionId session);

    /** Hands a frame to the node that holds {@code to}, which writes it to that session's socket. */
    void deliver(SessionId to, String frame);

    /** Where frames other nodes deliver to this node's sessions go. */
    void onDelivery(BiConsumer<SessionId, String> receiver);

    /** Called with a node's id when it leaves the cluster (shut down, or found dead). */
    void onNodeLeft(Consumer<String> listener);

    /** How many nodes are in the cluster, this one included. */
    int members();

    @Override
    void close();
}
