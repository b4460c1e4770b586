package io.signalbox.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which members' video a conference's player gets: the limit, the pinned members and the page. */
class ConferencePlayerTest {
    private static final List<String> FEEDS = List.of("b", "c", "d", "e");

    @Test
    void withoutALimitEveryMembersVideoComes() {
        Player player = Player.of(List.of());
        assertEquals(FEEDS, player.video(FEEDS));
        assertEquals(FEEDS, player.pinning(List.of("e")).paged(2, 0).video(FEEDS), "size 0 lifts the limit");
    }

    @Test
    void aLimitTakesTheFirstToHaveCome() {
        assertEquals(List.of("b", "c"), Player.of(List.of()).limited(2).video(FEEDS));
        assertEquals(FEEDS, Player.of(List.of()).limited(9).video(FEEDS));
    }

    @Test
    void pinnedMembersComeFirstAndThePageStartsAmongTheOthers() {
        Player pinned = Player.of(List.of()).limited(2).pinning(List.of("e"));
        assertEquals(List.of("e", "b"), pinned.video(FEEDS));
        assertEquals(List.of("e", "c"), pinned.paged(1, 2).video(FEEDS));
        assertEquals(List.of("e", "d"), pinned.paged(2, 2).video(FEEDS));
        assertEquals(List.of("e"), pinned.paged(3, 2).video(FEEDS), "the page past the others' end");
        assertEquals(List.of("e"), pinned.paged(7, 2).video(FEEDS));
        assertEquals(List.of("c", "d"), Player.of(List.of()).paged(1, 2).video(FEEDS));
    }

    @Test
    void aPinnedMemberThatLeftTakesNoPlace() {
        Player pinned = Player.of(List.of()).limited(2).pinning(List.of("gone", "d"));
        assertEquals(List.of("d", "b"), pinned.video(FEEDS));
    }
}
