package io.signalbox.signaling;

import io.signalbox.room.RoomId;
import io.signalbox.room.RoomService;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessage.GetRoomInfo;
import io.signalbox.signaling.message.ClientMessage.JoinRoom;
import io.signalbox.signaling.message.ClientMessage.LeaveFromRoom;
import io.signalbox.signaling.message.Notice;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.RoomInformation;
import io.signalbox.signaling.message.ServerMessage.RoomStream;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import io.signalbox.stream.StreamEvent;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Turns the room commands into {@link RoomService} calls, and pushes {@code streamJoined} and
 * {@code streamLeaved} to every other member (section 7).
 */
@ApplicationScoped
public class RoomCommands {

    @Inject
    RoomService rooms;

    @Inject
    TokenVerifier tokens;

    @Inject
    SessionDirectory directory;

    @Inject
    ConferenceCommands conferences;

    @Inject
    StreamCommands streamCommands;

    @Inject
    StreamService streams;

    @Inject
    Event<StreamEvent> happened;

    void joinRoom(SessionId from, JoinRoom message) {
        RoomId room = new RoomId(message.room());
        tokens.check(from, Action.JOIN, room, message.token());
        String requested = ClientMessage.absentIfEmpty(message.streamId());
        StreamId stream = new StreamId(requested == null ? UUID.randomUUID().toString() : requested);
        RoomService.Joined joined = rooms.join(from, room, stream, message.streamName(), message.metadata());
        directory.send(from, Notification.joinedTheRoom(room.value(), stream.value(), listing(joined.others())));
        joined.others().stream().map(RoomService.Member::session).distinct().filter(s -> !s.equals(from))
                .forEach(member -> directory.send(member,
                        Notification.streamJoined(room.value(), stream.value(),
                                ClientMessage.absentIfEmpty(message.streamName()))));
        if (joined.added() && !streams.forwardsMedia()) {
            // Under mesh a member's stream is the room's track once it joins; through the media server, once its media flows.
            happened.fire(new StreamEvent.TrackAdded(stream, room.value(), joined.others().isEmpty()));
        }
    }

    void leaveFromRoom(SessionId from, LeaveFromRoom message) {
        RoomId room = new RoomId(message.room());
        String named = ClientMessage.absentIfEmpty(message.streamId());
        List<RoomService.Left> left = rooms.leave(from, room, named == null ? null : new StreamId(named));
        conferences.leave(from, room);
        streamCommands.stopPublishedInto(from, room);
        directory.send(from, Notification.ofRoom(Notice.LEAVED_FROM_ROOM, room.value(), named));
        left.forEach(this::pushLeft);
    }

    /**
     * Lists a room's members; when joining needs a token, so does this, as it names them: a
     * member of the room has shown one, anyone else needs one for joining it (message or upgrade).
     */
    void getRoomInfo(SessionId from, GetRoomInfo message) {
        RoomId room = new RoomId(message.room());
        List<RoomService.Member> members = rooms.members(room);
        if (members.stream().noneMatch(member -> member.session().equals(from))) {
            tokens.check(from, Action.JOIN, room, message.token());
        }
        directory.send(from, RoomInformation.of(room.value(), listing(members)));
    }

    /** Takes a closed session's streams out of every room, telling the members who remain. */
    void release(SessionId session) {
        rooms.release(session).forEach(this::pushLeft);
    }

    private void pushLeft(RoomService.Left left) {
        left.remaining().forEach(member -> directory.send(member,
                Notification.ofRoom(Notice.STREAM_LEAVED, left.room().value(), left.stream().value())));
        if (!streams.forwardsMedia()) {
            happened.fire(new StreamEvent.TrackLeft(left.stream(), left.room().value(), left.remaining().isEmpty()));
        }
    }

    private static List<RoomStream> listing(List<RoomService.Member> members) {
        return members.stream().map(m -> new RoomStream(m.stream().value(), m.streamName(), m.metaData())).toList();
    }
}
