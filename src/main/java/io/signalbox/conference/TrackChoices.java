package io.signalbox.conference;

import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a player of a conference asks of the tracks it gets (Ant Media's multitrack commands):
 * a member's track left out or taken back, at most so many videos, some pinned, the rest paged.
 * Each change holds the room's lock; the player's subscription follows on its own node
 * ({@link ConferenceService#refresh}).
 */
@ApplicationScoped
public class TrackChoices {

    @Inject
    ConferenceStore store;

    /**
     * Has {@code viewer}'s play of {@code room} take ({@code enabled}) or leave out the track of
     * member stream {@code track}; no_peer_associated_before, naming the room, when it does not
     * play it. The subscription follows on the player's node ({@link ConferenceService#refresh}).
     */
    public void enable(SessionId viewer, String room, String track, boolean enabled) {
        change(viewer, room, player -> {
            List<String> now = new ArrayList<>(player.excluded());
            now.remove(track);
            if (!enabled) {
                now.add(track);
            }
            return player.excluding(now);
        });
    }

    /**
     * Has {@code viewer}'s play of {@code room} carry the video of at most {@code count} feeds (0:
     * every one's), chosen as {@link Player#video} says; the others' audio still comes.
     * no_peer_associated_before, naming the room, when it does not play it.
     */
    public void maxVideo(SessionId viewer, String room, int count) {
        change(viewer, room, player -> player.limited(count));
    }

    /**
     * Has {@code viewer}'s play of {@code room} keep ({@code pinned}) or no longer keep the
     * video of member stream {@code feed} whatever its limit; no_peer_associated_before when it
     * does not play the room.
     */
    public void pin(SessionId viewer, String room, String feed, boolean pinned) {
        change(viewer, room, player -> {
            List<String> now = new ArrayList<>(player.pinned());
            now.remove(feed);
            if (pinned) {
                now.add(feed);
            }
            return player.pinning(now);
        });
    }

    /**
     * Has {@code viewer}'s play of {@code room} carry the video of {@code size} members (0: of
     * every one), the pinned first, then the others from the {@code offset}th on;
     * no_peer_associated_before when it does not play the room.
     */
    public void page(SessionId viewer, String room, int offset, int size) {
        change(viewer, room, player -> player.paged(offset, size));
    }

    /** The conference that {@code viewer} plays in which {@code feed} is published, if any. */
    public Optional<String> playedWith(SessionId viewer, String feed) {
        return store.players().heldBy(viewer).stream()
                .filter(room -> store.conferences().getOrDefault(room, ConferenceService.IDLE).feeds().containsKey(feed)).findFirst();
    }

    private void change(SessionId viewer, String room, UnaryOperator<Player> change) {
        store.locked(room, () -> {
            Conference current = store.conferences().get(room);
            Player player = ConferenceService.requirePlayer(current, viewer, room);
            Map<SessionId, Player> players = new LinkedHashMap<>(current.players());
            players.put(viewer, change.apply(player));
            store.conferences().put(room, current.players(players));
            return null;
        });
    }
}
