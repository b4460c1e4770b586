package io.signalbox.conference;

import io.signalbox.media.MediaAddress;
import io.signalbox.session.SessionId;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conference: the address of the media server holding its room, its members' feeds
 * (true once media flows into the feed), and its players with what each asked for.
 */
record Conference(MediaAddress mediaServer, Map<String, Boolean> feeds, Map<SessionId, Player> players)
        implements Serializable {
    Conference feeds(Map<String, Boolean> feeds) {
        return new Conference(mediaServer, ordered(feeds), players);
    }

    Conference players(Map<SessionId, Player> players) {
        return new Conference(mediaServer, feeds, ordered(players));
    }

    /** An unchangeable copy that keeps the order the entries came in (Map.copyOf does not). */
    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    boolean idle() {
        return feeds.isEmpty() && players.isEmpty();
    }
}
