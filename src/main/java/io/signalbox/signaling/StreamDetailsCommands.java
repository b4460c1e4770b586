package io.signalbox.signaling;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.room.RoomService;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage.GetBroadcastObject;
import io.signalbox.signaling.message.ClientMessage.GetDebugInfo;
import io.signalbox.signaling.message.ClientMessage.GetSubscribers;
import io.signalbox.signaling.message.ClientMessage.Toggle;
import io.signalbox.signaling.message.ClientMessage.UpdateStreamMetaData;
import io.signalbox.signaling.message.Notice;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.signaling.message.ServerMessage.BroadcastObject;
import io.signalbox.signaling.message.ServerMessage.DebugInfo;
import io.signalbox.signaling.message.ServerMessage.MetaDataUpdated;
import io.signalbox.signaling.message.ServerMessage.SubscriberList;
import io.signalbox.signaling.message.ServerMessage.Toggled;
import io.signalbox.conference.ConferenceService;
import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamRegistry;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a stream's publisher says of it and what anyone may ask of a stream (section 6b):
 * {@code toggleVideo}/{@code toggleAudio} and {@code updateStreamMetaData}, told to the stream's
 * viewers and the other members of its rooms; {@code getBroadcastObject}, {@code getSubscribers};
 * and {@code getDebugInfo}, about the asking session only.
 */
@ApplicationScoped
public class StreamDetailsCommands {

    @Inject
    StreamService streams;

    @Inject
    StreamRegistry registry;

    @Inject
    RoomService rooms;

    @Inject
    ConferenceService conferences;

    @Inject
    SessionDirectory directory;

    void toggle(SessionId from, Toggle message) {
        StreamId stream = new StreamId(message.streamId());
        boolean enabled = message.enabled();
        StreamService.Described described = streams.describe(from, stream,
                details -> message.video() ? details.video(enabled) : details.audio(enabled));
        String track = message.trackId() == null || message.trackId().isEmpty() ? stream.value() : message.trackId();
        tell(from, stream, described, Toggled.of(message.video() ? Notice.VIDEO_TOGGLED : Notice.AUDIO_TOGGLED,
                stream.value(), track, enabled));
    }

    void updateStreamMetaData(SessionId from, UpdateStreamMetaData message) {
        StreamId stream = new StreamId(message.streamId());
        StreamService.Described described = streams.describe(from, stream, details -> details.metaData(message.metaData()));
        tell(from, stream, described, MetaDataUpdated.of(stream.value(), message.metaData()));
    }

    /** The publisher hears it too, as its answer; then the viewers and the other members of its rooms, once each. */
    private void tell(SessionId publisher, StreamId stream, StreamService.Described described, ServerMessage message) {
        Set<SessionId> audience = new LinkedHashSet<>();
        audience.add(publisher);
        audience.addAll(described.viewers());
        audience.addAll(rooms.fellowMembers(publisher, stream));
        audience.forEach(session -> directory.send(session, message));
    }

    /**
     * {@code broadcastObject}: a live stream as Ant Media's broadcast ({@code broadcasting}), or a
     * stream registered over REST that is not live ({@code created}); no_stream_exist otherwise.
     */
    void getBroadcastObject(SessionId from, GetBroadcastObject message) {
        StreamId stream = new StreamId(message.streamId());
        JsonObjectBuilder broadcast = Json.createObjectBuilder().add("streamId", stream.value());
        var live = streams.broadcast(stream);
        var details = streams.details(stream);
        if (live.isPresent() && details.isPresent()) {
            StreamDetails said = details.get();
            broadcast.add("status", "broadcasting").add("type", "liveStream").add("publishType", "WebRTC")
                    .add("name", said.name()).add("metaData", said.metaData())
                    .add("videoEnabled", said.video()).add("audioEnabled", said.audio())
                    .add("webRTCViewerCount", live.get().viewers().size())
                    .add("startTime", said.startTime()).add("absoluteStartTimeMs", said.startTime());
            if (live.get().conference() != null) {
                broadcast.add("mainTrackStreamId", live.get().conference());
            }
        } else {
            StreamRegistry.Registration registered = registry.find(stream).orElseThrow(() -> new SignalingException(
                    ErrorDefinition.NO_STREAM_EXIST, "nobody publishes " + stream + " and it is not registered"));
            broadcast.add("status", "created").add("type", "liveStream").add("publishType", "WebRTC")
                    .add("name", registered.name() == null ? "" : registered.name()).add("metaData", "")
                    .add("webRTCViewerCount", 0);
        }
        directory.send(from, BroadcastObject.of(stream.value(), broadcast.build().toString()));
    }

    /** {@code subscriberList}: a page of a live stream's viewers; empty when it is not live, as its count is 0. */
    void getSubscribers(SessionId from, GetSubscribers message) {
        StreamId stream = new StreamId(message.streamId());
        int offset = message.offset() == null ? 0 : message.offset();
        int size = message.size() == null || message.size() == 0 ? Integer.MAX_VALUE : message.size();
        List<String> page = streams.subscriberIds(stream).stream().skip(offset).limit(size).toList();
        directory.send(from, SubscriberList.of(stream.value(), page));
    }

    /** {@code debugInfo}: what the server holds for the asking session, and nothing of anyone else's. */
    void getDebugInfo(SessionId from, GetDebugInfo message) {
        String echoed = message.streamId() == null ? "" : message.streamId();
        String info = Json.createObjectBuilder()
                .add("sessionId", from.value())
                .add("publishes", names(streams.heldBy(from, true)))
                .add("plays", names(streams.heldBy(from, false)))
                .add("rooms", strings(rooms.seatsOf(from)))
                .add("conferences", strings(conferences.playedBy(from)))
                .build().toString();
        directory.send(from, DebugInfo.of(echoed, info));
    }

    private static JsonArrayBuilder names(List<StreamId> streams) {
        return strings(streams.stream().map(StreamId::value).toList());
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
