package io.signalbox.media;

import java.io.Serializable;
import java.util.Objects;

/**
 * A room of the media server and how many publishers it seats (0: no limit): a feed's own, named
 * by the feed, with one seat; or a conference's, named by the conference's room, into which every
 * member publishes and whose feeds one subscription carries.
 */
public record MediaRoom(String name, int seats) implements Leg, Serializable {
    public MediaRoom {
        Objects.requireNonNull(name, "name");
    }

    /** The room of {@code feed} published on its own. */
    public static MediaRoom of(Feed feed) {
        return new MediaRoom(feed.name(), 1);
    }

    /** Whether this is {@code feed}'s own room, which ends with its publisher, rather than a conference's. */
    public boolean ownedBy(Feed feed) {
        return name.equals(feed.name()) && seats == 1;
    }

    @Override
    public String toString() {
        return name;
    }
}
