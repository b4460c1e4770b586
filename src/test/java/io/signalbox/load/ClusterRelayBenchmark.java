package io.signalbox.load;

import io.signalbox.it.LibertyNode;
import io.signalbox.it.Server;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The relay with clustering off, on with both peers of each pair on one node, and on with each
 * pair split across two nodes, from one command: starts the three Liberty servers itself (the
 * built {@code target/signalbox.war} on {@code target/liberty/wlp}), runs the relay scenario
 * against each in turn, stops them, and prints one table with the ratios. See docs/benchmark.md.
 *
 * <p>{@code mvn -q exec:java@cluster-bench -Dexec.args="--pairs 50 --seconds 10 --rounds 2"}
 */
public final class ClusterRelayBenchmark {

    private record Row(String setUp, LoadGenerator.RelayResult result) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadGenerator.options(args, 0);
        int pairs = Integer.parseInt(o.getOrDefault("--pairs", "50"));
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "10"));
        int rounds = Integer.parseInt(o.getOrDefault("--rounds", "2"));
        Path wlp = Path.of(o.getOrDefault("--wlp", "target/liberty/wlp"));
        Path war = Path.of(o.getOrDefault("--war", "target/signalbox.war"));
        Map<String, String> unlimited = Map.of("SIGNALBOX_LIMITS_MESSAGES_PER_SECOND", "1000000",
                "SIGNALBOX_LIMITS_IDLE_TIMEOUT_SECONDS", "600");
        List<Row> rows = new ArrayList<>();
        try (LibertyNode single = LibertyNode.start("bench-single", 19391, unlimited, wlp, war);
                LibertyNode a = LibertyNode.start("bench-a", 19392, clustered(unlimited, 5911), wlp, war);
                LibertyNode b = LibertyNode.start("bench-b", 19393, clustered(unlimited, 5912), wlp, war)) {
            awaitTwoMembers(a);
            ServerProcess one = new ServerProcess(single.javaPid());
            ServerProcess both = new ServerProcess(a.javaPid(), b.javaPid());
            // A warm-up of each, then the rounds interleaved so that each set-up sees the same machine.
            new LoadGenerator(single.websocket(), one).relay(pairs, 5, LoadGenerator.Target.SIGNALBOX, single.websocket());
            new LoadGenerator(a.websocket(), both).relay(pairs, 5, LoadGenerator.Target.SIGNALBOX, b.websocket());
            for (int round = 0; round < rounds; round++) {
                rows.add(new Row("clustering off", new LoadGenerator(single.websocket(), one)
                        .relay(pairs, seconds, LoadGenerator.Target.SIGNALBOX, single.websocket())));
                rows.add(new Row("clustering on, both peers on one node", new LoadGenerator(a.websocket(), both)
                        .relay(pairs, seconds, LoadGenerator.Target.SIGNALBOX, a.websocket())));
                rows.add(new Row("clustering on, each pair across two nodes", new LoadGenerator(a.websocket(), both)
                        .relay(pairs, seconds, LoadGenerator.Target.SIGNALBOX, b.websocket())));
            }
        }
        print(pairs, seconds, rows);
    }

    private static Map<String, String> clustered(Map<String, String> base, int port) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.putAll(Map.of("SIGNALBOX_CLUSTER_ENABLED", "true", "SIGNALBOX_CLUSTER_NAME", "signalbox-bench",
                "SIGNALBOX_CLUSTER_MEMBERS", "127.0.0.1:5911,127.0.0.1:5912", "SIGNALBOX_CLUSTER_PORT", String.valueOf(port)));
        return env;
    }

    private static void awaitTwoMembers(LibertyNode node) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Server.registriesAt(node.httpPort).getInt("clusterMembers") == 2);
    }

    private static void print(int pairs, int seconds, List<Row> rows) {
        double base = rows.stream().filter(r -> r.setUp().equals("clustering off"))
                .mapToDouble(r -> r.result().messagesPerSecond()).average().orElse(Double.NaN);
        System.out.printf("%n%d pairs, %d s a run; CPU is the server JVMs' (both nodes when clustered)%n", pairs, seconds);
        System.out.println("| set-up | relayed msg/s | vs. off (mean) | round trip p50 / p99 (ms) | server CPU per message (us) | errors |");
        System.out.println("|---|---|---|---|---|---|");
        for (Row row : rows) {
            LoadGenerator.RelayResult r = row.result();
            System.out.printf("| %s | %,.0f | %.2fx | %.1f / %.1f | %.1f | %d |%n", row.setUp(), r.messagesPerSecond(),
                    r.messagesPerSecond() / base, r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.cpuMicrosPerMessage(),
                    r.errors());
        }
    }
}
