package io.signalbox.signaling.message;

import io.signalbox.session.SessionId;
import io.signalbox.signaling.message.ClientMessage.*;
import io.signalbox.signaling.message.Multitrack.*;

/** Handles each kind of message; one method a kind. */
public interface MessageHandler {
    void ping(SessionId from, Ping message);

    void getIceServerConfig(SessionId from, GetIceServerConfig message);

    void pushNotification(SessionId from, PushNotification message);

    void join(SessionId from, Join message);

    void leave(SessionId from, Leave message);

    void takeConfiguration(SessionId from, TakeConfiguration message);

    void takeCandidate(SessionId from, TakeCandidate message);

    void reportError(SessionId from, ReportError message);

    void peerMessage(SessionId from, PeerMessage message);

    void publish(SessionId from, Publish message);

    void play(SessionId from, Play message);

    void stop(SessionId from, Stop message);

    void joinRoom(SessionId from, JoinRoom message);

    void leaveFromRoom(SessionId from, LeaveFromRoom message);

    void getRoomInfo(SessionId from, GetRoomInfo message);

    void getStreamInfo(SessionId from, GetStreamInfo message);

    void getSubscriberCount(SessionId from, GetSubscriberCount message);

    void forceStreamQuality(SessionId from, ForceStreamQuality message);

    void getTrackList(SessionId from, GetTrackList message);

    void getSubtracks(SessionId from, GetSubtracks message);

    void getSubtracksCount(SessionId from, GetSubtracksCount message);

    void enableTrack(SessionId from, EnableTrack message);

    void setMaxVideoTrackCount(SessionId from, SetMaxVideoTrackCount message);

    void getVideoTrackAssignments(SessionId from, GetVideoTrackAssignments message);

    void assignVideoTrack(SessionId from, AssignVideoTrack message);

    void updateVideoTrackAssignments(SessionId from, UpdateVideoTrackAssignments message);

    void toggle(SessionId from, Toggle message);

    void getBroadcastObject(SessionId from, GetBroadcastObject message);

    void getSubscribers(SessionId from, GetSubscribers message);

    void updateStreamMetaData(SessionId from, UpdateStreamMetaData message);

    void getDebugInfo(SessionId from, GetDebugInfo message);

    void invalid(SessionId from, Invalid message);
}
