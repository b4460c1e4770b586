package io.signalbox.stream;

import io.signalbox.cluster.SharedMaps;

/** Stream registries for the unit tests of other features, which cannot reach the config's fields. */
public final class Registries {

    private Registries() {
    }

    /** A registry on {@code maps} that lets every stream be published and joined. */
    public static StreamRegistry allowingUnregistered(SharedMaps maps) {
        StreamRegistry registry = new StreamRegistry();
        registry.config = new StreamsConfig();
        registry.config.allowUnregistered = true;
        registry.maps = maps;
        return registry;
    }
}
