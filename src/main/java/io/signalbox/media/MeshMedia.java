package io.signalbox.media;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
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
    public MediaAddress address() {
        return MediaAddress.NONE;
    }

    @Override
    public void publish(SessionId publisher, Feed feed, MediaRoom room, MediaAddress at) {
        // browsers connect to each other
    }

    @Override
    public String offer(SessionId publisher, Feed feed, String sdp) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public String reoffer(SessionId publisher, Feed feed, String sdp) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public Offer play(SessionId viewer, Feed feed, MediaRoom room, MediaAddress at) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public Optional<Offer> subscribe(SessionId viewer, MediaRoom room, MediaAddress at, Subscription wanted) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public void dropRoom(MediaRoom room, MediaAddress at) {
        // nothing held
    }

    @Override
    public void answer(SessionId viewer, Leg leg, String sdp) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public void candidate(SessionId session, Leg leg, String mid, Integer mLineIndex, String candidate) {
        throw new IllegalStateException("mesh carries no media");
    }

    @Override
    public void layer(SessionId viewer, Feed feed, int layer) {
        // the publisher is asked instead
    }

    @Override
    public Optional<Leg> leg(SessionId session, String name) {
        return Optional.empty();
    }

    @Override
    public void stop(SessionId session, Leg leg) {
        // nothing held
    }

    @Override
    public void record(SessionId publisher, Feed feed, Optional<String> base) {
        throw new SignalingException(ErrorDefinition.MEDIA_SERVER_REQUIRED, "no media server records " + feed.name() + " under mesh");
    }

    @Override
    public Optional<LegStats> stats(SessionId session, Leg leg) {
        throw new SignalingException(ErrorDefinition.MEDIA_SERVER_REQUIRED, "no media server counts " + leg.name() + " under mesh");
    }

    @Override
    public Handles handles() {
        return Handles.NONE;
    }
}
