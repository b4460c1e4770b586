package io.signalbox.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two clustered Liberty nodes driving one real Janus: a stream published through one node is
 * played through the other, with Ant Media's SDK in Chromium, and its end reaches both. Run by
 * the cluster Failsafe execution (it starts its own servers).
 */
class SfuClusterIT {
    private static final int NETWORK = 8;
    private static final String MEMBERS = "127.0.0.1:5821,127.0.0.1:5822";
    private static JanusServer janus;
    private static LibertyNode a;
    private static LibertyNode b;
    private static Browsers browsers;
    private static String bundle;

    @RegisterExtension
    final ThreadDumpOnFailure dumps = new ThreadDumpOnFailure("sfu-cluster-a", "sfu-cluster-b");

    @BeforeAll
    static void start() throws Exception {
        janus = JanusServer.start(NETWORK);
        a = LibertyNode.start("sfu-cluster-a", 19291, environment(5821));
        b = LibertyNode.start("sfu-cluster-b", 19292, environment(5822));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Server.registriesAt(a.httpPort).getInt("clusterMembers") == 2);
        bundle = AmsSdk.browserBundle();
        browsers = Browsers.withFlags("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--disable-features=WebRtcHideLocalIpsWithMdns");
    }

    private static Map<String, String> environment(int hazelcastPort) {
        Map<String, String> env = new HashMap<>(Map.of("SIGNALBOX_CLUSTER_ENABLED", "true",
                "SIGNALBOX_CLUSTER_NAME", "signalbox-sfu-it", "SIGNALBOX_CLUSTER_MEMBERS", MEMBERS,
                "SIGNALBOX_CLUSTER_PORT", String.valueOf(hazelcastPort)));
        env.putAll(JanusServer.environment(NETWORK));
        return env;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) {
            browsers.close();
        }
        for (LibertyNode node : new LibertyNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (janus != null) {
            janus.close();
        }
    }

    @Test
    void aStreamPublishedThroughOneNodeIsPlayedThroughTheOther() throws Exception {
        String s = Ids.unique("sfu-cluster");
        Page publisher = SfuPages.adaptor(browsers, bundle, a.httpPort, false);
        publisher.evaluate("s => window.ams.publish(s)", s);
        publisher.waitForFunction("() => window.amsEvents.includes('publish_started')");
        Page player = SfuPages.adaptor(browsers, bundle, b.httpPort, true);
        player.evaluate("s => window.ams.play(s)", s);
        SfuPages.awaitDecoding(player, s);
        player.waitForFunction("() => window.amsEvents.includes('play_started')");

        publisher.evaluate("s => window.ams.stop(s)", s);
        publisher.waitForFunction("() => window.amsEvents.includes('publish_finished')");
        player.waitForFunction("() => window.amsEvents.includes('play_finished')");
        publisher.context().close();
        player.context().close();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (LibertyNode node : List.of(a, b)) {
                JsonObject registries = Server.registriesAt(node.httpPort);
                assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
                assertEquals(0, registries.getInt("viewers"), registries::toString);
                assertEquals(0, SfuPages.mediaHandlesAt(node.httpPort), "handles on Janus of node " + node.name);
            }
            assertEquals(List.of(), janus.rooms(), "rooms left in Janus");
        });
    }
}
