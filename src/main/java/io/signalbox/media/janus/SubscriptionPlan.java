package io.signalbox.media.janus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one conference subscription must add and drop to carry exactly the wanted feeds, and the
 * video of only some of them, worked out from what Janus last listed it carrying: pure, so every
 * case is a unit test, and {@link JanusMedia} only sends it. A stream named with a {@code mid} is
 * one section of a feed (its video); without, the whole feed.
 */
record SubscriptionPlan(List<Stream> add, List<Stream> drop) {

    /** One stream to add or drop: a whole feed, or the section of it with this mid at its publisher. */
    record Stream(String feed, String mid) {
        static Stream whole(String feed) {
            return new Stream(feed, null);
        }
    }

    /**
     * The plan that brings a subscription carrying {@code now} to {@code feeds}, with the video of
     * those in {@code video} only. {@code videoMids} holds, per feed, the mid of its video seen on
     * this subscription before: the video of a feed that is carried without it can only be taken
     * back by that mid.
     */
    static SubscriptionPlan of(List<JanusHandles.Carried> now, Map<String, String> videoMids, List<String> feeds,
            List<String> video) {
        List<String> carried = now.stream().map(JanusHandles.Carried::feed).distinct().toList();
        List<String> withVideo = now.stream().filter(c -> "video".equals(c.type())).map(JanusHandles.Carried::feed).toList();
        List<Stream> add = new ArrayList<>();
        List<Stream> drop = new ArrayList<>();
        for (String feed : feeds) {
            if (!carried.contains(feed)) {
                add.add(Stream.whole(feed));
            } else if (video.contains(feed) && !withVideo.contains(feed) && videoMids.containsKey(feed)) {
                add.add(new Stream(feed, videoMids.get(feed)));
            }
        }
        for (String feed : carried) {
            if (!feeds.contains(feed)) {
                drop.add(Stream.whole(feed));
            }
        }
        for (JanusHandles.Carried c : now) {
            if ("video".equals(c.type()) && feeds.contains(c.feed()) && !video.contains(c.feed()) && c.feedMid() != null) {
                drop.add(new Stream(c.feed(), c.feedMid()));
            }
        }
        return new SubscriptionPlan(List.copyOf(add), List.copyOf(drop));
    }

    boolean isEmpty() {
        return add.isEmpty() && drop.isEmpty();
    }

    /**
     * The updates to send, one after the other: the adds, then the drops. Janus would give the
     * sections it frees to the feeds it adds in the same change, and a browser is told of no new
     * track on a section that stays active, so Ant Media's player would never show those feeds.
     */
    List<SubscriptionPlan> steps() {
        if (isEmpty()) {
            return List.of();
        }
        if (add.isEmpty() || drop.isEmpty()) {
            return List.of(this);
        }
        return List.of(new SubscriptionPlan(add, List.of()), new SubscriptionPlan(List.of(), drop));
    }
}
