package io.signalbox.session;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The id by which features address one connected client, without holding its socket. In a
 * cluster it starts with the id of the node that holds the socket: {@code node.local}.
 */
public record SessionId(String value) implements Serializable {
    private static final char NODE_SEPARATOR = '.';

    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    /** The id of session {@code local} on {@code node}; just {@code local} when {@code node} is empty. */
    public static SessionId of(String node, String local) {
        return new SessionId(node.isEmpty() ? local : node + NODE_SEPARATOR + local);
    }

    /** The node holding this session, when the id names one. */
    public Optional<String> node() {
        int at = value.indexOf(NODE_SEPARATOR);
        return at < 0 ? Optional.empty() : Optional.of(value.substring(0, at));
    }

    @Override
    public String toString() {
        return value;
    }
}
