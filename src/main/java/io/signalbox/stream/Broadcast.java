package io.signalbox.stream;

import io.signalbox.media.Feed;
import io.signalbox.media.MediaAddress;
import io.signalbox.media.MediaRoom;
import io.signalbox.session.SessionId;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published stream: its publisher and its viewers by subscriberId; through the media server,
 * also the address of the one holding its feed ({@link MediaAddress#NONE} under mesh), the heights
 * of the rungs coming into it, and the conference it is published into (its {@code mainTrack};
 * null when none, and always under mesh).
 */
public record Broadcast(SessionId publisher, Map<String, SessionId> viewers, MediaAddress mediaServer,
        List<Integer> receiving, String conference) implements Serializable {

    Optional<String> subscriberOf(SessionId session) {
        return viewers.entrySet().stream().filter(e -> e.getValue().equals(session)).map(Map.Entry::getKey).findFirst();
    }

    Broadcast viewers(Map<String, SessionId> viewers) {
        return new Broadcast(publisher, Map.copyOf(viewers), mediaServer, receiving, conference);
    }

    Broadcast receiving(List<Integer> heights) {
        return new Broadcast(publisher, viewers, mediaServer, List.copyOf(heights), conference);
    }

    /**
     * The media server's room the feed of {@code stream} is in: its conference's, or its own.
     * (How many a conference seats matters only when it is made: {@link ConferenceSeats#seat}.)
     */
    MediaRoom mediaRoom(StreamId stream) {
        return conference == null ? MediaRoom.of(new Feed(stream.value())) : new MediaRoom(conference, 0);
    }
}
