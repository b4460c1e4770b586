package io.signalbox.signaling.message;

/** The {@code definition} of each success notification the server sends. */
public enum Event {
    JOINED("joined"),
    LEAVED("leaved");

    private final String wireName;

    Event(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
