package io.signalbox.room;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rooms (protocol section 7): sets of streams, each held by one session, whose members are
 * told when a stream joins or leaves.
 *
 * <p>Changes hold the lock of their room in the {@link SeatStore}, which spans the cluster when there is one.
 */
@ApplicationScoped
public class RoomService {

    /** One stream in a room, with what its member said about it. */
    public record Member(StreamId stream, SessionId session, String streamName, String metaData) implements Serializable {
    }

    /**
     * A stream joined: the members that were already there, to answer with and to push to;
     * {@code added} unless its session had it in the room already.
     */
    public record Joined(RoomId room, StreamId stream, List<Member> others, boolean added) {
    }

    /** A stream left: who remains, to push {@code streamLeaved} to. */
    public record Left(RoomId room, StreamId stream, List<SessionId> remaining) {
    }

    @Inject
    SeatStore store;

    @Inject
    RoomsConfig config;

    @Inject
    RoomRegistry registry;

    public Joined join(SessionId session, RoomId room, StreamId stream, String streamName, String metaData) {
        registry.requireAllowed(room);
        return store.locked(room, () -> joinLocked(session, room, stream, streamName, metaData));
    }

    private Joined joinLocked(SessionId session, RoomId room, StreamId stream, String streamName, String metaData) {
        Map<StreamId, Member> members = store.members(room);
        Member existing = members.get(stream);
        if (existing != null && !existing.session().equals(session)) {
            throw new SignalingException(ErrorDefinition.STREAM_ID_IN_USE, stream + " is in " + room + " already");
        }
        int limit = config.maxParticipants();
        if (existing == null && limit > 0 && members.size() >= limit) {
            throw new SignalingException(ErrorDefinition.ROOM_FULL, room + " has " + limit + " streams");
        }
        Map<StreamId, Member> updated = new LinkedHashMap<>(members);
        updated.put(stream, new Member(stream, session, streamName, metaData));
        store.put(room, updated);
        store.seatsBySession().add(session, new SeatStore.Seat(room, stream));
        List<Member> others = members.values().stream().filter(m -> !m.stream().equals(stream)).toList();
        return new Joined(room, stream, others, existing == null);
    }

    /**
     * Takes {@code session}'s streams out of {@code room}: the one named, or all of them when
     * {@code stream} is null. Leaving a room one is not in changes nothing.
     */
    public List<Left> leave(SessionId session, RoomId room, StreamId stream) {
        return store.locked(room, () -> {
            List<Left> left = new ArrayList<>();
            for (SeatStore.Seat seat : store.seatsBySession().heldBy(session)) {
                if (seat.room().equals(room) && (stream == null || seat.stream().equals(stream))) {
                    left.add(vacate(session, seat));
                }
            }
            return left;
        });
    }

    /** Takes every stream of {@code session} out of every room, as when its socket closes. */
    public List<Left> release(SessionId session) {
        List<Left> left = new ArrayList<>();
        store.seatsBySession().heldBy(session).stream().map(SeatStore.Seat::room).distinct()
                .forEach(room -> left.addAll(leave(session, room, null)));
        return left;
    }

    /** The sessions that hold a stream in some room. */
    public List<SessionId> sessions() {
        return store.seatsBySession().sessions();
    }

    /** The streams in {@code room}, in the order they joined; empty for a room nobody is in. */
    public List<Member> members(RoomId room) {
        return List.copyOf(store.members(room).values());
    }

    /**
     * The sessions of the other members of each room in which {@code session} holds
     * {@code stream}: who is told when that member's stream changes.
     */
    public List<SessionId> fellowMembers(SessionId session, StreamId stream) {
        return store.seatsBySession().heldBy(session).stream().filter(seat -> seat.stream().equals(stream))
                .flatMap(seat -> store.members(seat.room()).values().stream())
                .map(Member::session).filter(other -> !other.equals(session)).distinct().toList();
    }

    /** The rooms {@code session} is in, each with its stream there ("room/stream"). */
    public List<String> seatsOf(SessionId session) {
        return store.seatsBySession().heldBy(session).stream().map(seat -> seat.room().value() + "/" + seat.stream().value()).toList();
    }

    /** Whether {@code session} has a stream in {@code room}. */
    public boolean isMember(SessionId session, RoomId room) {
        return store.members(room).values().stream().anyMatch(member -> member.session().equals(session));
    }

    /** How many rooms have at least one stream. */
    public int roomCount() {
        return store.roomCount();
    }

    /** How many sessions hold a stream in some room. */
    public int memberSessionCount() {
        return store.seatsBySession().sessionCount();
    }

    private Left vacate(SessionId session, SeatStore.Seat seat) {
        Map<StreamId, Member> updated = new LinkedHashMap<>(store.members(seat.room()));
        updated.remove(seat.stream());
        store.put(seat.room(), updated);
        store.seatsBySession().remove(session, seat);
        return new Left(seat.room(), seat.stream(),
                updated.values().stream().map(Member::session).distinct().toList());
    }
}
