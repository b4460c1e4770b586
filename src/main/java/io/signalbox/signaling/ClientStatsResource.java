package io.signalbox.signaling;

import io.signalbox.error.AsyncAnswer;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.json.StrictJson;
import io.signalbox.media.Feed;
import io.signalbox.media.LegStats;
import io.signalbox.media.MediaConfig;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import io.signalbox.stream.Broadcast;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Ant Media's {@code GET /rest/v2/broadcasts/{streamId}/webrtc-client-stats/{offset}/{size}}
 * under {@code janus}: for a page of a live stream's viewers (in subscriberId order, at most 50, as
 * Ant Media pages them), what Janus counts on each one's connection, asked on the viewer's own
 * node (which holds its handle) through Janus's Admin API, off the request thread.
 */
@RolesAllowed("admin")
@Path("v2/broadcasts/{streamId}/webrtc-client-stats")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClientStatsResource {
    /** Ant Media's {@code MAX_ITEM_IN_ONE_LIST}. */
    static final int MAX_ITEMS = 50;
    private static final String OPERATION = "media.stats";

    /**
     * Ant Media's {@code WebRTCClientStats} for one viewer: {@code sendBitrate} (bits per second
     * sent to it in the last second) and the packets sent by kind, from Janus; {@code clientIp}
     * from its connection's selected ICE pair; {@code clientInfo} its subscriberId. Janus measures
     * no bandwidth estimate or frame period per viewer: {@code measuredBitrate} and the periods are 0.
     */
    @JsonbPropertyOrder({"subscriberId", "measuredBitrate", "sendBitrate", "videoFrameSendPeriod", "audioFrameSendPeriod",
            "clientId", "videoPacketCount", "audioPacketCount", "clientInfo", "clientIp"})
    public record WebRtcClientStats(String subscriberId, int measuredBitrate, int sendBitrate, double videoFrameSendPeriod,
            double audioFrameSendPeriod, int clientId, long videoPacketCount, long audioPacketCount, String clientInfo,
            String clientIp) {
        static WebRtcClientStats of(String subscriberId, LegStats stats) {
            return new WebRtcClientStats(subscriberId, 0, (int) Math.min(Integer.MAX_VALUE, stats.bitsPerSecondSent()), 0, 0,
                    subscriberId.hashCode(), stats.videoPacketsSent(), stats.audioPacketsSent(), subscriberId, stats.remoteAddress());
        }
    }

    @Inject
    StreamService streams;

    @Inject
    SessionCalls calls;

    @Inject
    MediaServer media;

    @Inject
    MediaConfig config;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        calls.on(OPERATION, this::statsHere);
    }

    @GET
    @Path("{offset}/{size}")
    public void list(@PathParam("streamId") String streamId, @PathParam("offset") int offset, @PathParam("size") int size,
            @Suspended AsyncResponse response) {
        StreamId stream = new StreamId(streamId);
        if (!media.forwards()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_REQUIRED, "no media server counts the viewers of " + stream);
        }
        Broadcast broadcast = streams.broadcast(stream).orElseThrow(() -> new SignalingException(ErrorDefinition.NO_STREAM_EXIST,
                "nobody publishes " + stream));
        List<String> page = broadcast.viewers().keySet().stream().sorted().skip(Math.max(0, offset))
                .limit(Math.max(0, Math.min(size, MAX_ITEMS))).toList();
        Duration timeout = Duration.ofMillis(config.requestTimeoutMillis()).plusSeconds(1);
        List<CompletableFuture<Optional<WebRtcClientStats>>> asked = page.stream().map(subscriber -> calls
                .call(broadcast.viewers().get(subscriber), OPERATION, stream.value(), timeout)
                .thenApply(json -> json.isEmpty() ? Optional.<WebRtcClientStats>empty()
                        : Optional.of(WebRtcClientStats.of(subscriber, StrictJson.JSONB.fromJson(json, LegStats.class)))))
                .toList();
        // A viewer gone meanwhile has no figures: left out.
        AsyncAnswer.resume(response, CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)),
                done -> asked.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
    }

    /** On the viewer's node and lane: Janus's figures for its subscription to the stream, as JSON; empty when it has none. */
    private String statsHere(SessionId viewer, String stream) {
        return media.stats(viewer, new Feed(stream)).map(StrictJson.JSONB::toJson).orElse("");
    }
}
