package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Publishing into a conference (protocol section 7a) reaches its room's members, so when joining
 * needs a token, a session that is not a member needs the join right for that room. The checks
 * come before the media server is asked, so no Janus runs here: the backend points at a closed
 * port on loopback, and a publish that passes them gets media_server_unavailable.
 */
@ExtendWith(ArquillianExtension.class)
class ConferenceTokensIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.security.token-required=publish,join", "signalbox.media.backend=janus",
                "signalbox.media.janus.url=ws://127.0.0.1:9", "signalbox.media.janus.max-reconnect-seconds=1");
    }

    @Test
    void aNonMemberCannotPublishIntoARoomsConferenceWithoutTheJoinRight() {
        String room = Ids.unique("guarded");
        String s = room + "-intruder";
        try (SignalingClient intruder = SignalingClient.connect(); SignalingClient member = SignalingClient.connect()) {
            intruder.send(publishInto(room, s));
            assertEquals(Messages.expectedError("unauthorized_access", s, null), intruder.awaitError("unauthorized_access"));

            String own = room + "-member";
            member.send(Json.createObjectBuilder(Messages.joinRoom(room, own))
                    .add("token", TokensIT.token("join", "room", room, c -> { })).build());
            member.awaitNotification("joinedTheRoom");
            member.send(publishInto(room, own));
            // Past the room's check, on to the media server, which cannot be reached here.
            assertEquals(Messages.expectedError("media_server_unavailable", own, null), member.awaitError("media_server_unavailable"));
            intruder.assertNothingPending();
        }
        JsonObject registries = Server.registries();
        assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
        assertEquals(0, registries.getInt("conferences"), registries::toString);
    }

    private static JsonObject publishInto(String room, String stream) {
        return Json.createObjectBuilder(Messages.publish(stream)).add("mainTrack", room)
                .add("token", TokensIT.token("publish", "streamId", stream, c -> { })).build();
    }
}
