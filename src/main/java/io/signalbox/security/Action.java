package io.signalbox.security;

/** What a token may authorize, as its {@code type} claim names it. */
public enum Action {
    PUBLISH("publish"), PLAY("play"), JOIN("join");

    private final String claim;

    Action(String claim) {
        this.claim = claim;
    }

    /** The value of the {@code type} claim and of {@code signalbox.security.token-required} entries. */
    public String claim() {
        return claim;
    }
}
