package io.signalbox.it;

import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test run starts Liberty with {@code SIGNALBOX_ROOMS_MAX_PARTICIPANTS=20} in its environment
 * (pom.xml); the default is 16, so a 17th member getting in proves the override took effect.
 */
@ExtendWith(ArquillianExtension.class)
class EnvironmentOverrideIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void anEnvironmentVariableRaisesTheRoomLimitPastItsDefault() {
        String room = Ids.unique("env");
        List<SignalingClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 17; i++) {
                SignalingClient member = SignalingClient.connect();
                members.add(member);
                RoomsIT.joinRoom(member, room, "m" + i + "-" + room);
            }
            SignalingClient extra = SignalingClient.connect();
            members.add(extra);
            for (int i = 17; i < 20; i++) {
                RoomsIT.joinRoom(extra, room, "m" + i + "-" + room);
            }
            extra.send(Messages.joinRoom(room, "m20-" + room));
            extra.awaitError("room_full");
        } finally {
            members.forEach(SignalingClient::close);
        }
    }
}
