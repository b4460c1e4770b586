package io.signalbox.room;

import io.signalbox.cluster.SharedState;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.session.SessionIndex;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rooms (protocol section 7): sets of streams, each held by one session, whose members are
 * told when a stream joins or leaves.
 *
 * <p>Changes hold the {@code rooms} lock of the {@link SharedState}, which spans the cluster
 * when there is one.
 */
@ApplicationScoped
public class RoomService {

    /** One stream in a room, with what its member said about it. */
    public record Member(StreamId stream, SessionId session, String streamName, String metaData) implements Serializable {
    }

    /** A stream joined: the members that were already there, to answer with and to push to. */
    public record Joined(RoomId room, StreamId stream, List<Member> others) {
    }

    /** A stream left: who remains, to push {@code streamLeaved} to. */
    public record Left(RoomId room, StreamId stream, List<SessionId> remaining) {
    }

    private record Seat(RoomId room, StreamId stream) implements Serializable {
    }

    private static final String LOCK = "signalbox.rooms";

    @Inject
    SharedState state;

    @Inject
    RoomsConfig config;

    @Inject
    RoomRegistry registry;

    private Map<RoomId, Map<StreamId, Member>> rooms() {
        return state.map("signalbox.rooms.members");
    }

    private SessionIndex<Seat> seatsBySession() {
        return new SessionIndex<>(state.map("signalbox.rooms.sessions"));
    }

    public Joined join(SessionId session, RoomId room, StreamId stream, String streamName, String metaData) {
        registry.requireAllowed(room);
        return state.locked(LOCK, () -> joinLocked(session, room, stream, streamName, metaData));
    }

    private Joined joinLocked(SessionId session, RoomId room, StreamId stream, String streamName, String metaData) {
        Map<RoomId, Map<StreamId, Member>> rooms = rooms();
        Map<StreamId, Member> members = rooms.getOrDefault(room, Map.of());
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
        rooms.put(room, Collections.unmodifiableMap(updated));
        seatsBySession().add(session, new Seat(room, stream));
        List<Member> others = members.values().stream().filter(m -> !m.stream().equals(stream)).toList();
        return new Joined(room, stream, others);
    }

    /**
     * Takes {@code session}'s streams out of {@code room}: the one named, or all of them when
     * {@code stream} is null. Leaving a room one is not in changes nothing.
     */
    public List<Left> leave(SessionId session, RoomId room, StreamId stream) {
        return state.locked(LOCK, () -> {
            List<Left> left = new ArrayList<>();
            for (Seat seat : seatsBySession().heldBy(session)) {
                if (seat.room().equals(room) && (stream == null || seat.stream().equals(stream))) {
                    left.add(vacate(session, seat));
                }
            }
            return left;
        });
    }

    /** Takes every stream of {@code session} out of every room, as when its socket closes. */
    public List<Left> release(SessionId session) {
        return state.locked(LOCK, () -> seatsBySession().heldBy(session).stream()
                .map(seat -> vacate(session, seat)).toList());
    }

    /** The sessions that hold a stream in some room. */
    public List<SessionId> sessions() {
        return seatsBySession().sessions();
    }

    /** The streams in {@code room}, in the order they joined; empty for a room nobody is in. */
    public List<Member> members(RoomId room) {
        return List.copyOf(rooms().getOrDefault(room, Map.of()).values());
    }

    /** How many rooms have at least one stream. */
    public int roomCount() {
        return rooms().size();
    }

    /** How many sessions hold a stream in some room. */
    public int memberSessionCount() {
        return seatsBySession().sessionCount();
    }

    private Left vacate(SessionId session, Seat seat) {
        Map<RoomId, Map<StreamId, Member>> rooms = rooms();
        Map<StreamId, Member> updated = new LinkedHashMap<>(rooms.getOrDefault(seat.room(), Map.of()));
        updated.remove(seat.stream());
        if (updated.isEmpty()) {
            rooms.remove(seat.room());
        } else {
            rooms.put(seat.room(), Collections.unmodifiableMap(updated));
        }
        seatsBySession().remove(session, seat);
        return new Left(seat.room(), seat.stream(),
                updated.values().stream().map(Member::session).distinct().toList());
    }
}
