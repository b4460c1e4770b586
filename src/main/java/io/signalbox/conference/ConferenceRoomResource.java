package io.signalbox.conference;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.json.StrictJson;
import io.signalbox.room.RoomId;
import io.signalbox.room.RoomRegistry;
import io.signalbox.room.RoomService;
import io.signalbox.stream.BroadcastResource;
import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ant Media's conference room calls under {@code /rest/v2/broadcasts/conference-rooms}: a room
 * registered with the time it may be joined in ({@link RoomRegistry}), and who is in it now.
 */
@RolesAllowed("admin")
@Path("v2/broadcasts/conference-rooms")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConferenceRoomResource {
    /** Ant Media gives a room created without an end date an hour. */
    static final long DEFAULT_SECONDS = 3600;

    /** Ant Media's {@code ConferenceRoom}, as far as Signalbox keeps it; {@code roomStreamList}: the streams in it now. */
    @JsonbPropertyOrder({"roomId", "startDate", "endDate", "roomStreamList", "mode"})
    public record ConferenceRoom(String roomId, long startDate, long endDate, List<String> roomStreamList, String mode) {
    }

    /** Ant Media's {@code RoomInfo}: the streams in the room now, by id, with their names. */
    @JsonbPropertyOrder({"roomId", "streamDetailsMap", "startDate", "endDate"})
    public record RoomInfo(String roomId, Map<String, String> streamDetailsMap, long startDate, long endDate) {
    }

    @Inject
    RoomRegistry registry;

    @Inject
    RoomService rooms;

    @Inject
    ConferenceService conferences;

    @Inject
    StreamService streams;

    Clock clock = Clock.systemUTC();

    /**
     * Registers a room, as Ant Media creates one: an absent {@code roomId} is made up, an absent
     * {@code startDate} is now and an absent {@code endDate} an hour later (Unix seconds).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ConferenceRoom create(String body) {
        ConferenceRoom request = StrictJson.requestBody(body, ConferenceRoom.class, "conference room");
        RoomId room = new RoomId(request.roomId() == null || request.roomId().isEmpty() ? UUID.randomUUID().toString() : request.roomId());
        long now = clock.instant().getEpochSecond();
        long start = request.startDate() == 0 ? now : request.startDate();
        long end = request.endDate() == 0 ? now + DEFAULT_SECONDS : request.endDate();
        if (end < start) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "endDate " + end + " is before startDate " + start);
        }
        return view(registry.register(new RoomRegistry.Registration(room, start, end)));
    }

    @GET
    @Path("list/{offset}/{size}")
    public List<ConferenceRoom> list(@PathParam("offset") int offset, @PathParam("size") int size) {
        return registry.list(offset, size).stream().map(this::view).toList();
    }

    @GET
    @Path("{room}")
    public ConferenceRoom get(@PathParam("room") String room) {
        RoomId id = new RoomId(room);
        return view(registry.find(id).orElseThrow(() -> notFound(id)));
    }

    /** Forgets the registration; the streams in the room carry on. */
    @DELETE
    @Path("{room}")
    public BroadcastResource.Result delete(@PathParam("room") String room) {
        RoomId id = new RoomId(room);
        if (!registry.remove(id)) {
            throw notFound(id);
        }
        return new BroadcastResource.Result(true, "deleted");
    }

    /**
     * The streams in {@code room} now, by id with their names, but {@code streamId} (the asker's
     * own); its dates when it is registered, else 0.
     */
    @GET
    @Path("{room}/room-info")
    public RoomInfo roomInfo(@PathParam("room") String room, @QueryParam("streamId") String streamId) {
        RoomId id = new RoomId(room);
        Map<String, String> streamsNow = streamsIn(id);
        streamsNow.remove(streamId);
        // The publisher's own streamName, where the stream is live, before the one it joined with.
        streamsNow.replaceAll((stream, name) -> streams.details(new StreamId(stream)).map(StreamDetails::name).orElse(name));
        RoomRegistry.Registration registration = registry.find(id).orElse(new RoomRegistry.Registration(id, 0, 0));
        return new RoomInfo(id.value(), streamsNow, registration.startDate(), registration.endDate());
    }

    /**
     * The room's streams, each with the name it joined with (else its id): its members
     * (joinRoom), then the feeds that flow into its conference through the media server.
     */
    private Map<String, String> streamsIn(RoomId room) {
        Map<String, String> named = new LinkedHashMap<>();
        for (RoomService.Member member : rooms.members(room)) {
            String name = member.streamName();
            named.put(member.stream().value(), name == null || name.isEmpty() ? member.stream().value() : name);
        }
        conferences.tracks(room.value()).forEach((feed, flowing) -> {
            if (flowing) {
                named.putIfAbsent(feed, feed);
            }
        });
        return named;
    }

    private ConferenceRoom view(RoomRegistry.Registration registration) {
        return new ConferenceRoom(registration.room().value(), registration.startDate(), registration.endDate(),
                List.copyOf(streamsIn(registration.room()).keySet()), streams.forwardsMedia() ? "multitrack" : "legacy");
    }

    private static SignalingException notFound(RoomId room) {
        return new SignalingException(ErrorDefinition.NO_STREAM_EXIST, "room " + room + " is not registered");
    }
}
