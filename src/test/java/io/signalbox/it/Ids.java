package io.signalbox.it;

import java.util.UUID;

/** Fresh identifiers, so that no two tests share a stream or room. */
public final class Ids {
    private Ids() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
