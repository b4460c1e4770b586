package io.signalbox.media;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * Where a media server is, as recorded with each stream and conference so that any node of a
 * cluster reaches the one that holds it; none under mesh.
 */
public record MediaAddress(URI uri) implements Serializable {
    public static final MediaAddress NONE = new MediaAddress(URI.create(""));

    public MediaAddress {
        Objects.requireNonNull(uri, "uri");
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
