package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Limits set through MicroProfile Config (here the WAR's own {@code microprofile-config.properties})
 * take effect; the other ITs run with the defaults, which these tests would break.
 */
@ExtendWith(ArquillianExtension.class)
class ConfiguredLimitsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(
                // Outranks the environment variable the test run sets (ordinal 300), as the MP Config spec allows.
                "config_ordinal=500", "signalbox.streams.max-viewers=2", "signalbox.rooms.max-participants=2");
    }

    @Test
    void theViewerPastTheConfiguredLimitGetsViewerLimitReached() {
        String s = Ids.unique("capped");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient v1 = SignalingClient.connect();
                SignalingClient v2 = SignalingClient.connect(); SignalingClient v3 = SignalingClient.connect()) {
            StreamsIT.publish(publisher, s);
            StreamsIT.play(publisher, v1, s);
            StreamsIT.play(publisher, v2, s);
            v3.send(Messages.play(s));
            assertEquals(Messages.error("viewerLimitReached", ErrorDefinition.VIEWER_LIMIT_REACHED.message(), s),
                    v3.awaitError("viewerLimitReached"));
            publisher.assertNothingPending();
            // A freed seat can be taken again.
            v1.send(Messages.stop(s));
            v1.awaitNotification("play_finished");
            publisher.awaitMessage("stop");
            StreamsIT.play(publisher, v3, s);
        }
    }

    @Test
    void theStreamPastTheConfiguredParticipantLimitGetsRoomFull() {
        String room = Ids.unique("small");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient c = SignalingClient.connect()) {
            RoomsIT.joinRoom(a, room, "a-" + room);
            RoomsIT.joinRoom(b, room, "b-" + room);
            a.awaitNotification("streamJoined");
            c.send(Messages.joinRoom(room, "c-" + room));
            JsonObject error = c.awaitError("room_full");
            assertEquals(Messages.error("room_full", ErrorDefinition.ROOM_FULL.message(), "c-" + room, room), error);
            a.assertNothingPending();
        }
    }
}
