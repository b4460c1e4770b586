package io.signalbox.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.cluster.LocalMaps;
import io.signalbox.media.FakeMediaServer;
import io.signalbox.media.MediaRoom;
import io.signalbox.room.RoomId;
import io.signalbox.room.Rooms;
import io.signalbox.session.SessionId;
import io.signalbox.stream.FiredEvents;
import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import io.signalbox.stream.Streams;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conferences through the media server against a fake one that fails any call made while a lock
 * of the shared maps is held: members seated in the room's conference, players subscribed to the
 * feeds that flow, the room dropped once nobody publishes into it or plays it, and which
 * {@code play} and {@code stop} are about a room.
 */
class ConferenceServiceTest {
    private final ConferenceService cut = new ConferenceService();
    private final LocalMaps maps = new LocalMaps();
    private final FakeMediaServer media = new FakeMediaServer(maps::holdsLock);
    private final SessionId member = new SessionId("m");
    private final SessionId viewer = new SessionId("v");
    private final StreamId own = new StreamId("m-own");
    private static final StreamDetails DETAILS = new StreamDetails("m-own", "", true, true, 0);
    private final FiredEvents<StreamEvent> happened = new FiredEvents<>();
    private StreamService streams;

    @BeforeEach
    void wire() {
        streams = Streams.through(maps, media, cut);
        cut.store = new ConferenceStore();
        cut.store.maps = maps;
        cut.media = media;
        cut.streams = streams;
        cut.rooms = Rooms.on(maps, 4);
        cut.roomsConfig = Rooms.config(4);
        cut.happened = happened;
    }

    @AfterEach
    void nothingIsLeftOnceEveryoneLeft() {
        for (SessionId session : List.of(member, viewer)) {
            cut.release(session);
            streams.release(session);
            cut.rooms.release(session);
        }
        assertEquals(0, cut.count());
        assertEquals(0, streams.publishedCount());
        assertEquals(Set.of(), media.rooms(), "rooms held on the media server");
        assertEquals(0, media.handles().total(), "handles held on the media server");
        assertEquals(0, maps.lockNames(), "locks left behind");
    }

    @Test
    void aMemberIsSeatedInTheRoomsConferenceWhichSeatsAsManyAsARoomHasMembers() {
        streams.publish(member, own, streams.conferenceOf(own, Optional.of("room")), DETAILS);
        assertEquals(List.of("publish m-own m"), media.calls());
        assertEquals(new MediaRoom("room", 4), cut.seat("room", own).room());
        assertEquals("room", streams.broadcast(own).orElseThrow().conference());
        assertEquals(Optional.empty(), streams.conferenceOf(own, Optional.of("m-own")), "a mainTrack naming the stream itself");
        streams.stop(member, own);
    }

    @Test
    void theRoomIsDroppedOnTheMediaServerWhenItsLastMemberLeavesAndItsLastPlayerStops() {
        streams.publish(member, own, Optional.of("room"), DETAILS);
        assertEquals(List.of(), cut.flowing("room", own), "players to refresh");
        cut.play(viewer, "room", List.of());
        assertEquals(List.of(viewer), cut.flowing("room", own));
        assertTrue(cut.refresh(viewer, "room").isPresent(), "an offer carrying the member's feed");
        streams.stop(member, own);
        assertTrue(cut.exists("room"), "kept while a player plays it");
        cut.stop(viewer, "room");
        assertFalse(cut.exists("room"));
        assertEquals(List.of("publish m-own m", "subscribe room v", "subscribe room v", "stop m-own m", "stop room v",
                "dropRoom room"), media.calls());
    }

    @Test
    void playAndStopOfANameAreAboutARoomOnlyWhenNoStreamHasThatName() {
        StreamId room = new StreamId("room");
        assertFalse(cut.isRoom(room), "nobody is in it");
        cut.rooms.join(member, new RoomId("room"), own, "M", null);
        assertTrue(cut.isRoom(room));
        assertTrue(cut.stopsRoom(member, room), "a member stops the room it is in");
        assertFalse(cut.stopsRoom(viewer, room), "nor member nor player");
        streams.publish(viewer, room, Optional.empty(), new StreamDetails("room", "", true, true, 0));
        assertFalse(cut.isRoom(room), "a stream of that name is played as a stream");
        assertFalse(cut.stopsRoom(member, room));
        streams.stop(viewer, room);
    }

    /**
     * A member's feed is an active track of its room once its media flows, once however often the
     * media server says so; the first and the last active one are marked; a feed whose media never
     * came leaves no track behind.
     */
    @Test
    void theRoomsActiveTracksAreAnnouncedOnceEachWithTheFirstAndTheLastMarked() {
        SessionId second = new SessionId("m2");
        StreamId other = new StreamId("m2-own");
        SessionId silent = new SessionId("m3");
        StreamId never = new StreamId("m3-own");
        streams.publish(member, own, Optional.of("room"), DETAILS);
        streams.publish(second, other, Optional.of("room"), new StreamDetails("m2-own", "", true, true, 0));
        streams.publish(silent, never, Optional.of("room"), new StreamDetails("m3-own", "", true, true, 0));
        assertEquals(List.of(), happened.take(), "nothing flows yet");
        cut.flowing("room", own);
        cut.flowing("room", own);
        cut.flowing("room", other);
        assertEquals(List.of(new StreamEvent.TrackAdded(own, "room", true), new StreamEvent.TrackAdded(other, "room", false)),
                happened.take());
        streams.stop(silent, never);
        streams.stop(member, own);
        streams.stop(second, other);
        assertEquals(List.of(new StreamEvent.TrackLeft(own, "room", false), new StreamEvent.TrackLeft(other, "room", true)),
                happened.take());
    }
}
