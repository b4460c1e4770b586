package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing is lost under a burst, on a server just started (each test class gets a fresh
 * deployment; on Payara a fresh server): 300 viewers play one stream at the same moment, five
 * times over, with the default limit of 100 viewers. Every viewer gets exactly one answer,
 * {@code play_started} or {@code viewerLimitReached}, and once every socket is closed the
 * registries are empty within 2 s. Run on Liberty and on Payara Micro (the payara-protocol execution).
 */
@ExtendWith(ArquillianExtension.class)
class PlayBurstIT {
    private static final int VIEWERS = 300;
    private static final int BURSTS = 5;
    private static final int LIMIT = 100; // signalbox.streams.max-viewers' default

    private static ExecutorService pool;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeAll
    static void threads() {
        pool = Executors.newFixedThreadPool(32);
    }

    @AfterAll
    static void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void everyViewerOfFiveBurstsOf300PlaysGetsExactlyOneAnswerAndNothingStaysBehind() {
        for (int burst = 1; burst <= BURSTS; burst++) {
            String s = Ids.unique("burst-" + burst);
            List<SignalingClient> viewers = all(VIEWERS, i -> SignalingClient.connect());
            try (SignalingClient publisher = SignalingClient.connect()) {
                publisher.send(Messages.publish(s));
                publisher.awaitNotification("publish_started");
                List<String> gone = viewers.stream().filter(SignalingClient::isClosed).map(SignalingClient::closeReason).toList();
                assertEquals(List.of(), gone, "viewers closed before their play, burst " + burst);
                // All 300 plays leave together (32 threads sending), then each viewer's answers are read.
                all(VIEWERS, i -> viewers.get(i).send(Messages.play(s)));
                List<String> answers = all(VIEWERS, i -> {
                    String answer = answerOf(viewers.get(i).nextMessage());
                    viewers.get(i).assertNothingPending(); // exactly one: the pong comes next
                    return answer;
                });
                Map<String, Long> counted = answers.stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertEquals(Map.of("play_started", (long) LIMIT, "viewerLimitReached", (long) (VIEWERS - LIMIT)),
                        counted, "burst " + burst);
            } finally {
                all(viewers.size(), i -> {
                    viewers.get(i).close();
                    return null;
                });
            }
            int done = burst;
            Awaitility.await("registries empty after burst " + done).atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                        JsonObject registries = Server.registries();
                        assertEquals(0, registries.getInt("sessions"), registries::toString);
                        assertEquals(0, registries.getInt("publishedStreams"), registries::toString);
                        assertEquals(0, registries.getInt("viewers"), registries::toString);
                    });
        }
    }

    /** The definition of a viewer's answer to play: a notification's or an error's. */
    private static String answerOf(JsonObject message) {
        return message.getString("definition", message.getString("command"));
    }

    /** Runs {@code count} tasks on the pool at once and returns their results in order. */
    private static <T> List<T> all(int count, java.util.function.IntFunction<T> task) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(() -> task.apply(index), pool));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
