package io.signalbox.room;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import io.signalbox.json.StrictJson;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Registers rooms and shows who is in one, under {@code /rest/v2/rooms}. */
@RolesAllowed("admin")
@Path("v2/rooms")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {
    /** The body of {@code POST /rest/v2/rooms}, named as Ant Media's conference room names it. */
    public record CreateRequest(String roomId) {
    }

    /** A room: whether it is registered, and the streams in it now. */
    @JsonbPropertyOrder({"roomId", "registered", "streams"})
    public record RoomView(String roomId, boolean registered, List<String> streams) {
    }

    @Inject
    RoomRegistry registry;

    @Inject
    RoomService rooms;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RoomView create(String body) {
        CreateRequest request;
        try {
            request = StrictJson.JSONB.fromJson(body, CreateRequest.class);
        } catch (JsonbException e) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "bad room body: " + e.getMessage());
        }
        RoomId room = new RoomId(request == null ? null : request.roomId());
        registry.register(room);
        return view(room);
    }

    @GET
    @Path("{room}")
    public RoomView get(@PathParam("room") String room) {
        return view(new RoomId(room));
    }

    private RoomView view(RoomId room) {
        return new RoomView(room.value(), registry.isRegistered(room),
                rooms.members(room).stream().map(m -> m.stream().value()).toList());
    }
}
