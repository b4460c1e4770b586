package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code signalbox.streams.allow-unregistered=false} and {@code signalbox.rooms.allow-unregistered=false}:
 * only what the REST API registered can be published, joined or entered. (The other ITs run with both on.)
 */
@ExtendWith(ArquillianExtension.class)
class RegisteredOnlyIT {
    private static final String MESSAGE = ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS.message();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.streams.allow-unregistered=false",
                "signalbox.rooms.allow-unregistered=false");
    }

    @Test
    void anUnregisteredStreamCannotBePublishedOrJoinedUntilRegistered() {
        String s = Ids.unique("unregistered");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            a.send(Messages.publish(s));
            assertEquals(Messages.error("not_allowed_unregistered_streams", MESSAGE, s),
                    a.awaitError("not_allowed_unregistered_streams"));
            a.send(Messages.join(s));
            assertEquals(Messages.error("not_allowed_unregistered_streams", MESSAGE, s),
                    a.awaitError("not_allowed_unregistered_streams"));

            assertEquals(200, Server.post("/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\"}").statusCode());
            StreamsIT.publish(a, s);
            StreamsIT.play(a, b, s);
        }
    }

    @Test
    void anUnregisteredRoomCannotBeEnteredUntilRegistered() {
        String room = Ids.unique("closed-room");
        try (SignalingClient a = SignalingClient.connect()) {
            a.send(Messages.joinRoom(room, "a-" + room));
            assertEquals(Messages.error("not_allowed_unregistered_streams", MESSAGE, "a-" + room, room),
                    a.awaitError("not_allowed_unregistered_streams"));
            assertEquals(200, Server.post("/rest/v2/rooms", "{\"roomId\":\"" + room + "\"}").statusCode());
            RoomsIT.joinRoom(a, room, "a-" + room);
        }
    }
}
