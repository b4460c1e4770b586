package io.signalbox.load;

import io.signalbox.it.JanusServer;
import io.signalbox.it.LibertyNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The media path's benchmark (docs/benchmark.md, "Media path"): starts a Janus in a network
 * namespace of its own (as the SFU tests do; needs root) and Signalbox on Liberty driving it,
 * then runs the browserless generator ({@code src/test/node/media/ramp.mjs}, werift) against
 * them with their process ids and the veth pair's host side, once per video rate asked, and
 * passes its rows and tables through. Asserts nothing. {@code --janus nat.ice_lite=true,general.event_loops=2}
 * changes settings of Janus's {@code janus.jcfg} to compare; {@code --conference 4,8,12,16} runs the
 * conference ramp ({@code conference.mjs}, at {@code --conference-kbps}) too, or alone without {@code --steps}.
 *
 * <p>{@code mvn -q exec:java@media-bench -Dexec.args="--steps 10,25,50,100 --kbps 500,1500 --hold 20"}
 */
public final class MediaBenchmark {
    private static final int NETWORK = 10;
    private static final int HTTP_PORT = 19396;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadGenerator.options(args, 0);
        Path wlp = Path.of(o.getOrDefault("--wlp", "target/liberty/wlp"));
        Path war = Path.of(o.getOrDefault("--war", "target/signalbox.war"));
        Map<String, String> env = new HashMap<>(JanusServer.environment(NETWORK));
        env.put("SIGNALBOX_STREAMS_MAX_VIEWERS", "100000");
        env.put("SIGNALBOX_LIMITS_MAX_SESSIONS", "100000");
        if (o.containsKey("--java-home")) {
            env.put("JAVA_HOME", o.get("--java-home"));
        }
        List<String> janusSettings = o.containsKey("--janus") ? List.of(o.get("--janus").split(",")) : List.of();
        try (JanusServer janus = JanusServer.start(NETWORK, janusSettings);
                LibertyNode node = LibertyNode.start("bench-media", HTTP_PORT, env, wlp, war)) {
            List<String> common = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + HTTP_PORT, "--bind", janus.hostAddress(),
                    "--veth", janus.hostInterface(), "--janus", String.valueOf(janus.pid()), "--signalbox", String.valueOf(node.javaPid()),
                    "--hold", o.getOrDefault("--hold", "20"), "--clip", Path.of("target", "media").toAbsolutePath().toString()));
            for (String passed : List.of("--workers", "--warm-up", "--loss-limit", "--key-limit")) {
                if (o.containsKey(passed)) {
                    common.addAll(List.of(passed, o.get(passed)));
                }
            }
            if (!o.containsKey("--conference") || o.containsKey("--steps")) {
                for (String kbps : o.getOrDefault("--kbps", "500").split(",")) {
                    run("the ramp at " + kbps + " kb/s", "media/ramp.mjs", common, "--kbps", kbps, "--steps",
                            o.getOrDefault("--steps", "10,25,50,100"));
                }
            }
            if (o.containsKey("--conference")) {
                run("the conference ramp", "media/conference.mjs", common, "--kbps", o.getOrDefault("--conference-kbps", "500"),
                        "--sizes", o.get("--conference"));
            }
        }
    }

    /** Runs {@code script} (a path under src/test/node) with Node, with {@code common} and {@code more} options, its output passed through. */
    private static void run(String what, String script, List<String> common, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(common);
        command.addAll(List.of(more));
        Process ramp = new ProcessBuilder(command).directory(Path.of("src", "test", "node").toFile()).inheritIO().start();
        if (!ramp.waitFor(2, TimeUnit.HOURS)) {
            ramp.destroyForcibly();
            throw new IllegalStateException(what + " did not end within two hours");
        }
        if (ramp.exitValue() != 0) {
            throw new IllegalStateException(what + " failed: exit " + ramp.exitValue());
        }
    }
}
