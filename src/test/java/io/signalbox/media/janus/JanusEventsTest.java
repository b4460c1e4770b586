package io.signalbox.media.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.media.Feed;
import io.signalbox.media.MediaEvent;
import io.signalbox.media.MediaRoom;
import io.signalbox.media.janus.JanusHandles.Handle;
import io.signalbox.media.janus.JanusHandles.Role;
import io.signalbox.session.SessionId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How Janus's media reports about a publisher become Signalbox's media events. */
class JanusEventsTest {
    private static final long HANDLE = 7;
    private final SessionId publisher = new SessionId("publisher");
    private final Feed feed = new Feed("s");
    private final JanusHandles handles = new JanusHandles();
    private final List<MediaEvent> fired = new ArrayList<>();
    private final JanusEvents cut = new JanusEvents(handles, Runnable::run, fired::add, h -> { }, (room, url) -> { });

    JanusEventsTest() {
        handles.put(new Handle(null, HANDLE, publisher, feed, MediaRoom.of(feed), Role.PUBLISHER, List.of()));
    }

    @Test
    void nothingComesInOnlyOnceEveryTrackHasStoppedAudioAsMuchAsVideo() {
        cut.event(null, HANDLE, media("audio", "0", true));
        cut.event(null, HANDLE, media("video", "1", true));
        cut.event(null, HANDLE, media("video", "1", false));
        assertEquals(List.of(new MediaEvent.Inbound(publisher, feed, true)), inbound(), "audio goes on");
        cut.event(null, HANDLE, media("audio", "0", false));
        assertEquals(List.of(new MediaEvent.Inbound(publisher, feed, true), new MediaEvent.Inbound(publisher, feed, false)), inbound());
    }

    @Test
    void anEncoderSendingAudioAloneIsSeenToStopAndToComeBack() {
        cut.event(null, HANDLE, media("audio", "0", true));
        cut.event(null, HANDLE, media("audio", "0", false));
        cut.event(null, HANDLE, media("audio", "0", true));
        assertEquals(List.of(new MediaEvent.Inbound(publisher, feed, true), new MediaEvent.Inbound(publisher, feed, false),
                new MediaEvent.Inbound(publisher, feed, true)), inbound());
        assertEquals(List.of(), fired.stream().filter(MediaEvent.Receiving.class::isInstance).toList(), "no video, no layers");
    }

    @Test
    void aHandleNoLongerKnownReportsNothing() {
        handles.remove(publisher, feed);
        cut.event(null, HANDLE, media("audio", "0", true));
        assertEquals(List.of(), fired);
    }

    private List<MediaEvent> inbound() {
        return fired.stream().filter(MediaEvent.Inbound.class::isInstance).toList();
    }

    private static JsonObject media(String type, String mid, boolean receiving) {
        return Json.createObjectBuilder().add("janus", "media").add("sender", HANDLE).add("mid", mid).add("type", type)
                .add("receiving", receiving).build();
    }
}
