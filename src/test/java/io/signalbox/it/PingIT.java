package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class PingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"ping\"}");
            assertEquals("{\"command\":\"pong\"}", client.awaitMessage("pong").toString());
        }
    }

    @Test
    void healthReportsSignalingUp() {
        assertEquals(200, Server.get("/health/ready").statusCode());
        assertEquals(0, Server.registries().getInt("p2pStreams"));
    }
}
