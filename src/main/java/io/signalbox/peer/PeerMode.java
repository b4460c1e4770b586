package io.signalbox.peer;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;

/** How a peer takes part in a P2P stream: sending and receiving, or receiving only. */
public enum PeerMode {
    BOTH, PLAY;

    /** Reads the {@code mode} field of {@code join}; absent means {@link #BOTH}. */
    public static PeerMode of(String mode) {
        if (mode == null || mode.equals("both")) {
            return BOTH;
        }
        if (mode.equals("play")) {
            return PLAY;
        }
        throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "join mode must be both or play");
    }
}
