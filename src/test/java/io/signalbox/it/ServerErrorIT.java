package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An unexpected fault while handling a message is server_error, and the session lives on. */
@ExtendWith(ArquillianExtension.class)
class ServerErrorIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClass(FaultyPeerService.class);
    }

    @Test
    void anUnexpectedFaultIsServerErrorAndTheSessionCarriesOn() {
        String broken = Ids.unique(FaultyPeerService.PREFIX.replace("-", ""));
        String s = FaultyPeerService.PREFIX + broken;
        try (SignalingClient client = SignalingClient.connect(); SignalingClient peer = SignalingClient.connect()) {
            client.send(Messages.join(s));
            assertEquals(Messages.error("server_error", ErrorDefinition.SERVER_ERROR.message(), s),
                    client.awaitError("server_error"));
            String fine = Ids.unique("fine");
            PeerToPeerIT.joinPair(client, peer, fine);
            client.send(Messages.candidate(fine, 0, Messages.CANDIDATE));
            peer.awaitMessage("takeCandidate");
        }
    }
}
