package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code signalbox.encoder.required=true} with no ladder: publishing is refused. */
@ExtendWith(ArquillianExtension.class)
class EncoderRequiredIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.encoder.required=true");
    }

    @Test
    void publishingWithoutAnyLadderIsNoEncoderSettingsAndPublishesNothing() {
        String s = Ids.unique("required");
        try (SignalingClient publisher = SignalingClient.connect(); SignalingClient viewer = SignalingClient.connect()) {
            publisher.send(Messages.publish(s));
            assertEquals(Messages.error("no_encoder_settings", ErrorDefinition.NO_ENCODER_SETTINGS.message(), s),
                    publisher.awaitError("no_encoder_settings"));
            viewer.send(Messages.play(s));
            viewer.awaitError("no_stream_exist");
        }
    }
}
