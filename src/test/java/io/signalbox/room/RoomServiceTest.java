package io.signalbox.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.signalbox.cluster.LocalMaps;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.stream.StreamId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomServiceTest {
    private final RoomService cut = new RoomService();
    private final RoomId room = new RoomId("r");
    private final SessionId a = new SessionId("a");
    private final SessionId b = new SessionId("b");
    private final StreamId sa = new StreamId("sa");
    private final StreamId sb = new StreamId("sb");

    @BeforeEach
    void limitToThree() {
        cut.config = new RoomsConfig();
        cut.config.maxParticipants = 3;
        cut.config.allowUnregistered = true;
        cut.registry = new RoomRegistry();
        cut.registry.config = cut.config;
        cut.store = new SeatStore();
        cut.store.maps = new LocalMaps();
        cut.registry.maps = cut.store.maps;
    }

    @Test
    void aJoinerLearnsWhoIsAlreadyThere() {
        assertEquals(List.of(), cut.join(a, room, sa, "A", null).others());
        assertEquals(List.of(new RoomService.Member(sa, a, "A", null)), cut.join(b, room, sb, "B", "m").others());
        assertEquals(List.of(sa, sb), cut.members(room).stream().map(RoomService.Member::stream).toList());
    }

    @Test
    void missingOrEmptyRoomIsNoRoomSpecifiedAndABadOneIsInvalidStreamName() {
        assertEquals(ErrorDefinition.NO_ROOM_SPECIFIED,
                assertThrows(SignalingException.class, () -> new RoomId("")).definition());
        assertEquals(ErrorDefinition.NO_ROOM_SPECIFIED,
                assertThrows(SignalingException.class, () -> new RoomId(null)).definition());
        assertEquals(ErrorDefinition.INVALID_STREAM_NAME,
                assertThrows(SignalingException.class, () -> new RoomId("a room")).definition());
    }

    @Test
    void anotherSessionsStreamIdIsStreamIdInUseAndAFullRoomIsRoomFull() {
        cut.join(a, room, sa, null, null);
        assertEquals(ErrorDefinition.STREAM_ID_IN_USE,
                assertThrows(SignalingException.class, () -> cut.join(b, room, sa, null, null)).definition());
        cut.join(b, room, sb, null, null);
        cut.join(b, room, new StreamId("sc"), null, null);
        assertEquals(ErrorDefinition.ROOM_FULL, assertThrows(SignalingException.class,
                () -> cut.join(a, room, new StreamId("sd"), null, null)).definition());
    }

    @Test
    void onlyRegisteredRoomsAreJoinedWhenUnregisteredOnesAreNotAllowed() {
        cut.config.allowUnregistered = false;
        assertEquals(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS,
                assertThrows(SignalingException.class, () -> cut.join(a, room, sa, null, null)).definition());
        cut.registry.register(room);
        cut.join(a, room, sa, null, null);
        assertEquals(1, cut.members(room).size());
    }

    @Test
    void leavingTellsWhoRemainsAndTheLastOneOutRemovesTheRoom() {
        cut.join(a, room, sa, null, null);
        cut.join(b, room, sb, null, null);
        assertEquals(List.of(new RoomService.Left(room, sa, List.of(b))), cut.leave(a, room, null));
        assertEquals(List.of(), cut.leave(a, room, null));
        assertEquals(List.of(new RoomService.Left(room, sb, List.of())), cut.release(b));
        assertEquals(0, cut.roomCount());
        assertEquals(0, cut.memberSessionCount());
    }
}
