package io.signalbox.health;

import io.signalbox.cluster.Nodes;
import io.signalbox.peer.PeerService;
import io.signalbox.room.RoomService;
import io.signalbox.security.SessionTokens;
import io.signalbox.signaling.SessionDirectory;
import io.signalbox.conference.ConferenceService;
import io.signalbox.stream.StreamService;
import io.signalbox.whip.WhipService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the signaling service up, with the size of each registry and how frames are written
 * ({@code virtual-threads} or {@code async}), on {@code /health/live} and {@code /health/ready}.
 */
@Liveness
@Readiness
@ApplicationScoped
public class SignalingHealth implements HealthCheck {

    @Inject
    SessionDirectory sessions;

    @Inject
    PeerService peers;

    @Inject
    StreamService streams;

    @Inject
    RoomService rooms;

    @Inject
    ConferenceService conferences;

    @Inject
    SessionTokens sessionTokens;

    @Inject
    Nodes nodes;

    @Inject
    WhipService whip;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signaling")
                .up()
                .withData("sessions", sessions.size())
                .withData("p2pStreams", peers.streamCount())
                .withData("publishedStreams", streams.publishedCount())
                .withData("viewers", streams.viewerCount())
                .withData("rooms", rooms.roomCount())
                .withData("conferences", conferences.count())
                .withData("conferencePlayers", conferences.playerCount())
                .withData("sessionTokens", sessionTokens.size())
                .withData("whipSessions", whip.size())
                .withData("clusterMembers", nodes.members())
                .withData("writes", sessions.writes())
                .build();
    }
}
