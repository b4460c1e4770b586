package io.signalbox.session;

import java.util.Objects;

/** The id by which features address one connected client, without holding its socket. */
public record SessionId(String value) {
    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
