package io.signalbox.signaling;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.MediaEvent;
import io.signalbox.media.MediaServer;
import io.signalbox.room.RoomId;
import io.signalbox.room.RoomService;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.Multitrack.AssignVideoTrack;
import io.signalbox.signaling.message.Multitrack.EnableTrack;
import io.signalbox.signaling.message.Multitrack.GetSubtracks;
import io.signalbox.signaling.message.Multitrack.GetSubtracksCount;
import io.signalbox.signaling.message.Multitrack.GetTrackList;
import io.signalbox.signaling.message.ClientMessage.Play;
import io.signalbox.signaling.message.Multitrack.GetVideoTrackAssignments;
import io.signalbox.signaling.message.Multitrack.SetMaxVideoTrackCount;
import io.signalbox.signaling.message.Multitrack.UpdateVideoTrackAssignments;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.Notice;
import io.signalbox.signaling.message.ServerMessage.Configuration;
import io.signalbox.signaling.message.ServerMessage.Notification;
import io.signalbox.signaling.message.ServerMessage.Subtrack;
import io.signalbox.signaling.message.ServerMessage.SubtrackCount;
import io.signalbox.signaling.message.ServerMessage.SubtrackList;
import io.signalbox.signaling.message.ServerMessage.TrackList;
import io.signalbox.signaling.message.ServerMessage.VideoTrackAssignmentList;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.conference.ConferenceService;
import io.signalbox.conference.TrackChoices;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Conferences through the media server (section 7a): {@code play} of a room's id gets every other
 * member's feed on one connection, offered again as feeds come and go; {@code stop} of the room's
 * id, {@code leaveFromRoom} and a closed socket end it; the multitrack commands list a
 * conference's tracks and let a player take or leave out one. Under mesh, playing a room and the
 * multitrack commands are media_server_required.
 */
@ApplicationScoped
public class ConferenceCommands {
    private static final System.Logger LOG = System.getLogger(ConferenceCommands.class.getName());

    @Inject
    ConferenceService conferences;

    @Inject
    TrackChoices tracks;

    @Inject
    StreamService streams;

    @Inject
    RoomService rooms;

    @Inject
    TokenVerifier tokens;

    @Inject
    SessionDirectory directory;

    /** Brings subscriptions up to date on this node when a feed comes, whichever node saw it come. */
    void refreshHere(@Observes @Initialized(ApplicationScoped.class) Object started) {
        directory.onMedia(SessionDirectory.MediaChange.REFRESH, this::refresh);
    }

    /**
     * Publishing into, or playing, {@code room}'s conference reaches its members: when joining
     * needs a token, so does this, unless the session is a member; unauthorized_access otherwise.
     * {@code token} is the message's (null for publish, whose own token is for the stream: then
     * the token on the upgrade).
     */
    void requireSeat(SessionId from, RoomId room, String token) {
        if (!rooms.isMember(from, room)) {
            tokens.check(from, Action.JOIN, room, token);
        }
    }

    void play(SessionId from, Play message) {
        String room = message.streamId();
        if (!streams.forwardsMedia()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_REQUIRED,
                    room + " is a room: under mesh play each member's stream, not the room");
        }
        requireSeat(from, new RoomId(room), message.token());
        List<String> excluded = new ArrayList<>();
        if (message.trackList() != null) {
            message.trackList().stream().filter(t -> t != null && t.startsWith("!")).map(t -> t.substring(1)).forEach(excluded::add);
        }
        String own = ClientMessage.absentIfEmpty(message.userPublishId());
        if (own != null) {
            excluded.add(own);
        }
        // play_started follows once media flows; with no other member's media yet, the offer comes when some does.
        conferences.play(from, room, excluded).ifPresent(offer -> offer(from, room, offer));
    }

    /** {@code trackList}: the member streams published into the conference of room {@code streamId}. */
    void getTrackList(SessionId from, GetTrackList message) {
        String room = conferenceRoom(message.streamId());
        directory.send(from, TrackList.of(room, List.copyOf(conferences.tracks(room).keySet())));
    }

    /** {@code subtrackList}: a page of them, from {@code offset}, at most {@code size} (all when 0 or absent). */
    void getSubtracks(SessionId from, GetSubtracks message) {
        String room = conferenceRoom(message.streamId());
        int offset = message.offset() == null ? 0 : message.offset();
        int size = message.size() == null || message.size() == 0 ? Integer.MAX_VALUE : message.size();
        List<Subtrack> page = conferences.tracks(room).entrySet().stream().skip(offset).limit(size)
                .map(track -> new Subtrack(track.getKey(), track.getValue() ? "broadcasting" : "created", room)).toList();
        directory.send(from, SubtrackList.of(room, page));
    }

    /** {@code subtrackCount}: how many there are. */
    void getSubtracksCount(SessionId from, GetSubtracksCount message) {
        String room = conferenceRoom(message.streamId());
        directory.send(from, SubtrackCount.of(room, conferences.tracks(room).size()));
    }

    /** A player of the conference takes, or leaves out, one member's track: it gets a new offer when that changes what it gets. */
    void enableTrack(SessionId from, EnableTrack message) {
        String room = conferenceRoom(message.streamId());
        tracks.enable(from, room, MediaServer.Offer.feedOf(message.trackId()), message.enabled());
        refresh(from, room);
    }

    /** A player of the conference gets the video of at most that many members, the first that came (0: every one's). */
    void setMaxVideoTrackCount(SessionId from, SetMaxVideoTrackCount message) {
        String room = conferenceRoom(message.streamId());
        tracks.maxVideo(from, room, message.maxTrackCount());
        refresh(from, room);
    }

    /** {@code videoTrackAssignmentList}: the members whose video the player of room {@code streamId} gets. */
    void getVideoTrackAssignments(SessionId from, GetVideoTrackAssignments message) {
        String room = conferenceRoom(message.streamId());
        directory.send(from, VideoTrackAssignmentList.of(room, conferences.videoAssignments(from, room)));
    }

    /**
     * A player keeps (pins) or lets go of member {@code streamId}'s video whatever its limit, in
     * the conference it plays that the member publishes into; no_peer_associated_before, naming
     * the member, when there is none.
     */
    void assignVideoTrack(SessionId from, AssignVideoTrack message) {
        String member = conferenceRoom(message.streamId());
        String room = tracks.playedWith(from, member).orElseThrow(() -> new SignalingException(
                ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, from + " plays no conference " + member + " publishes into"));
        tracks.pin(from, room, member, message.enabled());
        refresh(from, room);
    }

    /** A player of room {@code streamId} gets the video of {@code size} members (0: all), the pinned first, then from {@code offset} on. */
    void updateVideoTrackAssignments(SessionId from, UpdateVideoTrackAssignments message) {
        String room = conferenceRoom(message.streamId());
        tracks.page(from, room, message.offset(), message.size());
        refresh(from, room);
    }

    /** The room named by a multitrack command; media_server_required under mesh, which has no tracks on the server. */
    private String conferenceRoom(String streamId) {
        String room = new StreamId(streamId).value();
        if (!streams.forwardsMedia()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_REQUIRED,
                    "multitrack commands need the media server; " + room + " has no tracks on this server");
        }
        return room;
    }

    /** Ends {@code from}'s play of the conference of {@code room}; {@code play_finished} even when it had ended already. */
    void stop(SessionId from, StreamId room) {
        if (conferences.plays(from, room.value())) {
            conferences.stop(from, room.value());
        }
        directory.send(from, Notification.of(Notice.PLAY_FINISHED, room.value()));
    }

    /** A member leaves {@code room}: its play of the room's conference ends too. */
    void leave(SessionId from, RoomId room) {
        if (conferences.plays(from, room.value())) {
            stop(from, new StreamId(room.value()));
        }
    }

    /** A member's media flows into {@code room}: every player that gets it is offered it, on its own node. */
    void flowing(String room, StreamId feed) {
        conferences.flowing(room, feed).forEach(player -> directory.changeMedia(player, room, SessionDirectory.MediaChange.REFRESH));
    }

    /**
     * The media server offers again by itself (a feed left, or a change waited for the player's
     * last answer); what it could not take yet is asked for again.
     */
    void offered(@Observes MediaEvent.Offered offered) {
        directory.inLane(offered.session(), () -> offer(offered.session(), offered.leg().name(), offered.offer()));
        refresh(offered.session(), offered.leg().name());
    }

    /** Ends the conference plays of a closed session. */
    void release(SessionId session) {
        conferences.release(session);
    }

    /**
     * Changes the subscription on the player's lane: it waits for the media server, and one
     * player's subscription changes one step at a time, after what the player asked before.
     */
    private void refresh(SessionId player, String room) {
        try {
            directory.inLane(player, () -> {
                try {
                    conferences.refresh(player, room).ifPresent(offer -> offer(player, room, offer));
                } catch (SignalingException e) {
                    LOG.log(Level.INFO, "{0} could not be given the new feeds of {1}: {2}", player, room, e.getMessage());
                    directory.send(player, ServerMessage.Error.of(e.definition(), room, room));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "refreshing " + player + " on " + room + " failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "{0}: not refreshed on {1}, the application stops", player, room);
        }
    }

    private void offer(SessionId player, String room, MediaServer.Offer offer) {
        directory.send(player, Configuration.fromMediaServer(room, "offer", offer.sdp(), offer.idMapping()));
    }
}
