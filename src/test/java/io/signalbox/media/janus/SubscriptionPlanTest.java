package io.signalbox.media.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.media.janus.JanusHandles.Carried;
import io.signalbox.media.janus.SubscriptionPlan.Stream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan that brings a conference subscription to the wanted feeds and video, from what Janus listed it carrying. */
class SubscriptionPlanTest {
    private static final List<Carried> A_AND_B = List.of(new Carried("a", "audio", "0"), new Carried("a", "video", "1"),
            new Carried("b", "audio", "0"), new Carried("b", "video", "1"));

    @Test
    void aNewFeedIsAddedWholeAndAFeedThatLeftIsDroppedWhole() {
        SubscriptionPlan plan = SubscriptionPlan.of(A_AND_B, Map.of(), List.of("a", "c"), List.of("a", "c"));
        assertEquals(List.of(Stream.whole("c")), plan.add());
        assertEquals(List.of(Stream.whole("b")), plan.drop());
    }

    @Test
    void addsAndDropsGoInTwoStepsAddsFirstSoJanusGivesNoFreedSectionToANewFeed() {
        SubscriptionPlan plan = SubscriptionPlan.of(A_AND_B, Map.of(), List.of("a", "c"), List.of("a", "c"));
        assertEquals(List.of(new SubscriptionPlan(List.of(Stream.whole("c")), List.of()),
                new SubscriptionPlan(List.of(), List.of(Stream.whole("b")))), plan.steps());
    }

    @Test
    void videoLeftOutIsDroppedByItsMidAndTakenBackByTheMidSeenBefore() {
        SubscriptionPlan limited = SubscriptionPlan.of(A_AND_B, Map.of(), List.of("a", "b"), List.of("a"));
        assertEquals(List.of(), limited.add());
        assertEquals(List.of(new Stream("b", "1")), limited.drop());
        List<Carried> withoutVideoOfB = List.of(A_AND_B.get(0), A_AND_B.get(1), A_AND_B.get(2));
        SubscriptionPlan back = SubscriptionPlan.of(withoutVideoOfB, Map.of("b", "1"), List.of("a", "b"), List.of("a", "b"));
        assertEquals(List.of(new Stream("b", "1")), back.add());
        assertEquals(List.of(), back.drop());
        assertEquals(List.of(back), back.steps(), "one step when there is nothing to drop");
    }

    @Test
    void videoNeverSeenCannotBeTakenBackAndNothingToChangeIsNoStep() {
        List<Carried> audioOnly = List.of(new Carried("b", "audio", "0"));
        assertTrue(SubscriptionPlan.of(audioOnly, Map.of(), List.of("b"), List.of("b")).isEmpty());
        assertEquals(List.of(), SubscriptionPlan.of(A_AND_B, Map.of(), List.of("a", "b"), List.of("a", "b")).steps());
    }
}
