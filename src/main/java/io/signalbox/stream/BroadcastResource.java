package io.signalbox.stream;

import io.signalbox.encoding.EncoderSetting;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import io.signalbox.json.StrictJson;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The broadcasts admin API at Ant Media's paths under {@code /rest/v2/broadcasts}. */
@RolesAllowed("admin")
@Path("v2/broadcasts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BroadcastResource {
    /** The body of {@code POST create}; an absent streamId is generated. */
    public record CreateRequest(String streamId, String name, List<EncoderSetting> encoderSettingsList, String metaData,
            String listenerHookURL, Integer mp4Enabled, Integer webMEnabled) {
    }

    /**
     * Ant Media's {@code Result}, for operations that return no object: {@code dataId}, when there
     * is one, names what the operation made (a recording's VoD).
     */
    @JsonbPropertyOrder({"success", "message", "dataId"})
    public record Result(boolean success, String message, String dataId) {
        public Result(boolean success, String message) {
            this(success, message, null);
        }
    }

    /** Ant Media's {@code SimpleStat}: one number. */
    public record SimpleStat(long number) {
    }

    /**
     * Ant Media's {@code BroadcastStatistics}: viewers by protocol. Signalbox serves WebRTC only,
     * so the others are 0.
     */
    @JsonbPropertyOrder({"totalRTMPWatchersCount", "totalHLSWatchersCount", "totalWebRTCWatchersCount", "totalDASHWatchersCount"})
    public record BroadcastStatistics(int totalRTMPWatchersCount, int totalHLSWatchersCount, int totalWebRTCWatchersCount,
            int totalDASHWatchersCount) {
        static BroadcastStatistics webRtc(int viewers) {
            return new BroadcastStatistics(0, 0, viewers, 0);
        }
    }

    /** Ant Media's {@code AppBroadcastStatistics}: the application's viewers by protocol, and its live streams. */
    @JsonbPropertyOrder({"totalRTMPWatchersCount", "totalHLSWatchersCount", "totalWebRTCWatchersCount", "totalDASHWatchersCount",
            "activeLiveStreamCount"})
    public record AppBroadcastStatistics(int totalRTMPWatchersCount, int totalHLSWatchersCount, int totalWebRTCWatchersCount,
            int totalDASHWatchersCount, int activeLiveStreamCount) {
    }

    @Inject
    StreamRegistry registry;

    @Inject
    StreamService streams;

    @Inject
    Event<Stopped.Unpublished> deleted;

    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_JSON)
    public RegisteredStream create(String body) {
        CreateRequest request = StrictJson.requestBody(body, CreateRequest.class, "broadcast");
        String id = request.streamId() == null || request.streamId().isEmpty()
                ? UUID.randomUUID().toString() : request.streamId();
        return view(registry.register(new StreamRegistry.Registration(new StreamId(id), request.name(),
                request.encoderSettingsList(), request.metaData(), request.listenerHookURL(),
                request.mp4Enabled() == null ? 0 : request.mp4Enabled(), request.webMEnabled() == null ? 0 : request.webMEnabled())));
    }

    /** Ant Media's update: each of {@code name}, {@code metaData} and {@code listenerHookURL} given replaces the stored one. */
    @PUT
    @Path("{streamId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Result update(@PathParam("streamId") String streamId, String body) {
        StreamRegistry.Change change = StrictJson.requestBody(body, StreamRegistry.Change.class, "broadcast");
        registry.update(new StreamId(streamId), change);
        return new Result(true, "updated");
    }

    @GET
    @Path("list/{offset}/{size}")
    public List<RegisteredStream> list(@PathParam("offset") int offset, @PathParam("size") int size) {
        return registry.list(offset, size).stream().map(this::view).toList();
    }

    /** How many streams are registered (what {@code list} pages through). */
    @GET
    @Path("count")
    public SimpleStat count() {
        return new SimpleStat(registry.count(Optional.empty()));
    }

    /** How many registered streams have {@code search} in their id or name, in any case. */
    @GET
    @Path("count/{search}")
    public SimpleStat count(@PathParam("search") String search) {
        return new SimpleStat(registry.count(Optional.of(search)));
    }

    /** How many streams are live now, registered or not, across the cluster. */
    @GET
    @Path("active-live-stream-count")
    public SimpleStat activeLiveStreamCount() {
        return new SimpleStat(streams.publishedCount());
    }

    /** The viewers of all live streams, and how many are live. */
    @GET
    @Path("total-broadcast-statistics")
    public AppBroadcastStatistics totalStatistics() {
        return new AppBroadcastStatistics(0, 0, streams.viewerCount(), 0, streams.publishedCount());
    }

    /** The viewers of a stream that is registered or live (0 when it is not live); no_stream_exist when it is neither. */
    @GET
    @Path("{streamId}/broadcast-statistics")
    public BroadcastStatistics statistics(@PathParam("streamId") String streamId) {
        StreamId stream = new StreamId(streamId);
        if (streams.broadcast(stream).isEmpty() && registry.find(stream).isEmpty()) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, stream + " is neither registered nor live");
        }
        return BroadcastStatistics.webRtc(streams.viewerCount(stream));
    }

    @GET
    @Path("{streamId}")
    public RegisteredStream get(@PathParam("streamId") String streamId) {
        StreamId stream = new StreamId(streamId);
        return registry.find(stream).map(this::view).orElseThrow(() -> notFound(stream));
    }

    /** Forgets the registration and, if the stream is live, ends it for its publisher and viewers. */
    @DELETE
    @Path("{streamId}")
    public Result delete(@PathParam("streamId") String streamId) {
        StreamId stream = new StreamId(streamId);
        boolean registered = registry.remove(stream);
        Optional<Stopped.Unpublished> ended = streams.terminate(stream);
        if (!registered && ended.isEmpty()) {
            throw notFound(stream);
        }
        ended.ifPresent(deleted::fire);
        return new Result(true, ended.isPresent() ? "deleted and stopped" : "deleted");
    }

    private RegisteredStream view(StreamRegistry.Registration r) {
        String status = streams.broadcast(r.stream()).isPresent() ? "broadcasting" : "created";
        return new RegisteredStream(r.stream().value(), r.name(), status, r.encoderSettings(), r.metaData(), r.listenerHookURL(),
                r.mp4Enabled(), r.webMEnabled());
    }

    private static SignalingException notFound(StreamId stream) {
        return new SignalingException(ErrorDefinition.NO_STREAM_EXIST, stream + " is not registered");
    }
}
