package io.signalbox.media;

import io.signalbox.session.SessionId;
import java.util.List;
import java.util.Optional;

/** {@code mesh}: no media server; publishers and viewers connect browser to browser. */
public final class MeshMedia implements MediaServer {

    @Override
    public boolean forwards() {
        return false;
    }

    @Override
    public boolean reachable() {
        return true;
    }

    @Override
    public String address() {
        return "";
    }

    @Override
    public void publish(SessionId publisher, String feed, String room, String address) {
        // browsers connect to each other
    }

    @Override
    public String offer(SessionId publisher, String feed, String sdp) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public Offer play(SessionId viewer, String feed, String room, String address) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public Optional<Offer> subscribe(SessionId viewer, String room, String address, List<String> feeds,
            Optional<String> placeholder, List<String> video) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public void dropRoom(String room, String address) {
        // nothing held
    }

    @Override
    public void answer(SessionId viewer, String feed, String sdp) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public void candidate(SessionId session, String feed, String mid, Integer mLineIndex, String candidate) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public void layer(SessionId viewer, String feed, int layer) {
        // the publisher is asked instead
    }

    @Override
    public boolean carries(SessionId session, String feed) {
        return false;
    }

    @Override
    public void stop(SessionId session, String feed) {
        // nothing held
    }

    @Override
    public int handles() {
        return 0;
    }
}
