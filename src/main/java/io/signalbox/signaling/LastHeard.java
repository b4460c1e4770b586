package io.signalbox.signaling;

/**
 * When a session's last frame came, written on every frame (one volatile store, on the relay's
 * path) and read by {@link IdleSessions}' sweep.
 */
final class LastHeard {
    private volatile long at = System.nanoTime();

    void now() {
        at = System.nanoTime();
    }

    /** How long the session has been silent at {@code now} ({@link System#nanoTime}). */
    long silentNanos(long now) {
        return now - at;
    }
}
