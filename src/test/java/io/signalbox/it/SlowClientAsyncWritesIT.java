package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SlowClientIT} with {@code signalbox.websocket.writes=async}: the container's asynchronous writes. */
@ExtendWith(ArquillianExtension.class)
class SlowClientAsyncWritesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("signalbox.limits.messages-per-second=1000", "signalbox.websocket.writes=async");
    }

    @Test
    void aPeerThatReadsNothingIsCutOffAndTheSenderCarriesOn() {
        assertEquals("async", Server.registries().getString("writes"));
        SlowClientIT.aPeerThatReadsNothingIsCutOff();
    }
}
