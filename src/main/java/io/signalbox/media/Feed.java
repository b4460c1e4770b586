package io.signalbox.media;

import java.io.Serializable;
import java.util.Objects;

/** A stream on the media server, named by the stream's id: a publisher's media, which viewers subscribe to. */
public record Feed(String name) implements Leg, Serializable {
    public Feed {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
