package io.signalbox.conference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one player asked for: the feeds it will not get; how many feeds' video at most (0:
 * every one's); the feeds whose video it keeps whatever the limit (pinned, Ant Media's
 * {@code assignVideoTrackCommand}); and from which of the others the limited video starts
 * (Ant Media's paging, {@code updateVideoTrackAssignmentsCommand}).
 */
public record Player(List<String> excluded, int maxVideo, List<String> pinned, int offset) implements Serializable {
    static Player of(List<String> excluded) {
        return new Player(excluded, 0, List.of(), 0);
    }

    Player excluding(List<String> excluded) {
        return new Player(List.copyOf(excluded), maxVideo, pinned, offset);
    }

    Player limited(int maxVideo) {
        return new Player(excluded, maxVideo, pinned, offset);
    }

    Player pinning(List<String> pinned) {
        return new Player(excluded, maxVideo, List.copyOf(pinned), offset);
    }

    Player paged(int offset, int size) {
        return new Player(excluded, size, pinned, offset);
    }

    /**
     * Of {@code feeds} (in the order they came), those whose video this player gets: all when
     * there is no limit; else the pinned first, then the others from the offset on, at most
     * the limit in all.
     */
    public List<String> video(List<String> feeds) {
        if (maxVideo == 0) {
            return feeds;
        }
        List<String> chosen = new ArrayList<>(feeds.stream().filter(pinned::contains).toList());
        List<String> others = feeds.stream().filter(feed -> !pinned.contains(feed)).toList();
        others.stream().skip(Math.min(offset, others.size())).forEach(chosen::add);
        return List.copyOf(chosen.subList(0, Math.min(maxVideo, chosen.size())));
    }
}
