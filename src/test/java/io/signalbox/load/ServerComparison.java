package io.signalbox.load;

import io.signalbox.it.LibertyNode;
import io.signalbox.it.Server;
import io.signalbox.load.floor.FloorBean;
import io.signalbox.load.floor.RelayFloorEndpoint;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Signalbox side by side with the servers it is measured against, from one command: starts
 * Signalbox on Liberty, the floor (a bare Jakarta WebSocket relay, {@link RelayFloorEndpoint}, on
 * the same Liberty, writing blocking, asynchronously and blocking on virtual threads), the same
 * floor as a CDI bean archive (for its sessions: Liberty does more for each upgrade into a CDI
 * application, whatever that application does), the PeerJS server, a bare Node {@code ws}
 * relay and, when its jar is there, Signalbox on Payara Micro; runs the same scenarios against each
 * with the Node generator {@code src/test/node/load.mjs} (rounds interleaved, so each server sees
 * the same machine; sessions are opened in unmeasured batches before the measured one), stops them,
 * and prints the tables with the ratios. See docs/benchmark.md.
 *
 * <p>{@code mvn -q exec:java@compare -Dexec.args="--pairs 50,500 --seconds 10 --rounds 2 --sessions 5000"}; also
 * {@code --warm-up SECONDS} (15, each relaying server once, before the first round), {@code --pre-run SECONDS}
 * (3, unmeasured, before each measured relay run), {@code --session-warm-up BATCHES} (4 unmeasured batches of
 * {@code --sessions} each: a JVM's handshake path is still compiling after the first 10,000
 * sessions), {@code --java-home DIR} (the JVM of the Libertys and Payara;
 * the one running this), {@code --payara JAR}, {@code --floor-features F,G} (the Liberty features
 * the floors run with, the CDI floor with {@code cdi-4.0} added when none is listed;
 * {@code websocket-2.1}; {@code signalbox}: those of liberty/server.xml, to tell Liberty's part in
 * a session's cost from Signalbox's own).
 */
public final class ServerComparison {
    private static final Path NODE_DIR = Path.of("src/test/node");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One server under test: how the generator speaks to it, where, and its process. */
    private record Subject(String name, String protocol, String url, long pid, boolean java, double startSeconds,
            long rssAfterStart, Scenarios scenarios) {
    }

    /** Which scenarios a subject runs: a server with two subjects has its sessions measured once. */
    private enum Scenarios {
        BOTH, RELAY, SESSIONS;

        boolean relay() {
            return this != SESSIONS;
        }

        boolean sessions() {
            return this != RELAY;
        }
    }

    private static final String BLOCKING_FLOOR = ", blocking writes (Liberty)";
    private static final String VIRTUAL_FLOOR = ", blocking writes on virtual threads (Liberty)";
    private static final String CDI_FLOOR = " as a CDI bean archive (Liberty)";

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadGenerator.options(args, 0);
        List<Integer> pairs = Arrays.stream(o.getOrDefault("--pairs", "50,500").split(",")).map(Integer::valueOf).toList();
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "10"));
        int rounds = Integer.parseInt(o.getOrDefault("--rounds", "2"));
        int sessions = Integer.parseInt(o.getOrDefault("--sessions", "5000"));
        int warmUp = Integer.parseInt(o.getOrDefault("--warm-up", "15"));
        int sessionWarmUp = Integer.parseInt(o.getOrDefault("--session-warm-up", "4"));
        int preRun = Integer.parseInt(o.getOrDefault("--pre-run", "3"));
        String javaHome = o.getOrDefault("--java-home", System.getProperty("java.home"));
        Path wlp = Path.of(o.getOrDefault("--wlp", "target/liberty/wlp"));
        Path war = Path.of(o.getOrDefault("--war", "target/signalbox.war"));
        Path payara = Path.of(o.getOrDefault("--payara", "target/payara/payara-micro.jar"));
        List<String> floorFeatures = floorFeatures(o.getOrDefault("--floor-features", "websocket-2.1"));
        String floorName = floorFeatures.equals(List.of("websocket-2.1")) ? "Jakarta relay floor"
                : "Jakarta relay floor on " + String.join(", ", floorFeatures);
        Map<String, String> env = Map.of("JAVA_HOME", javaHome, "SIGNALBOX_LIMITS_MESSAGES_PER_SECOND", "1000000",
                "SIGNALBOX_LIMITS_IDLE_TIMEOUT_SECONDS", "600", "SIGNALBOX_LIMITS_MAX_SESSIONS", "100000");
        List<AutoCloseable> started = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            LibertyNode signalbox = LibertyNode.start("compare-signalbox", 19401, env, wlp, war);
            started.add(signalbox);
            subjects.add(subject("Signalbox (Liberty)", "signalbox", signalbox.websocket().toString(), signalbox.javaPid(),
                    true, t0, Scenarios.BOTH));
            t0 = System.nanoTime();
            Path floorConfig = floorConfig(floorFeatures);
            LibertyNode floor = LibertyNode.start("compare-floor", 19402, env, wlp, floorWar(false), floorConfig,
                    () -> probe(URI.create("ws://localhost:19402/relay/basic?id=probe-" + System.nanoTime())));
            started.add(floor);
            subjects.add(subject(floorName + BLOCKING_FLOOR, "ws", "ws://localhost:19402/relay/basic",
                    floor.javaPid(), true, t0, Scenarios.BOTH));
            subjects.add(new Subject(floorName + ", asynchronous writes (Liberty)", "ws",
                    "ws://localhost:19402/relay/async", floor.javaPid(), true, Double.NaN, 0, Scenarios.RELAY));
            subjects.add(new Subject(floorName + VIRTUAL_FLOOR, "ws",
                    "ws://localhost:19402/relay/virtual", floor.javaPid(), true, Double.NaN, 0, Scenarios.RELAY));
            t0 = System.nanoTime();
            List<String> cdiFeatures = new ArrayList<>(floorFeatures);
            if (cdiFeatures.stream().noneMatch(f -> f.startsWith("cdi-"))) {
                cdiFeatures.add("cdi-4.0");
            }
            LibertyNode floorCdi = LibertyNode.start("compare-floor-cdi", 19406, env, wlp, floorWar(true), floorConfig(cdiFeatures),
                    () -> probe(URI.create("ws://localhost:19406/relay/basic?id=probe-" + System.nanoTime())));
            started.add(floorCdi);
            subjects.add(subject(floorName + CDI_FLOOR, "ws", "ws://localhost:19406/relay/basic", floorCdi.javaPid(), true,
                    t0, Scenarios.SESSIONS));
            if (Files.exists(payara)) {
                t0 = System.nanoTime();
                Process p = startPayara(payara, war, env, 19405);
                started.add(p::destroyForcibly);
                long pid = p.descendants().map(ProcessHandle::pid).findFirst().orElse(p.pid());
                subjects.add(subject("Signalbox (Payara Micro)", "signalbox", "ws://localhost:19405/websocket", pid, true, t0,
                        Scenarios.BOTH));
            }
            t0 = System.nanoTime();
            Process peerjs = startNode("peerjs-server.mjs", 19404);
            started.add(peerjs::destroyForcibly);
            subjects.add(subject("PeerJS server 1.0.2 (Node)", "peerjs", "ws://localhost:19404", peerjs.pid(), false, t0,
                    Scenarios.BOTH));
            t0 = System.nanoTime();
            Process ws = startNode("ws-relay.mjs", 19403);
            started.add(ws::destroyForcibly);
            subjects.add(subject("bare ws relay (Node)", "ws", "ws://localhost:19403", ws.pid(), false, t0, Scenarios.BOTH));
            List<Subject> relaying = subjects.stream().filter(s -> s.scenarios().relay()).toList();

            Map<String, List<JsonObject>> relays = new LinkedHashMap<>();
            for (Subject s : relaying) { // warm-up: the JVMs compile their hot paths
                generate("relay", s, "--pairs", String.valueOf(pairs.get(0)), "--seconds", String.valueOf(warmUp));
            }
            for (int round = 0; round < rounds; round++) {
                for (int p : pairs) {
                    for (Subject s : relaying) {
                        // Unmeasured seconds first: without them, Signalbox's first measured run
                        // (its JVM idle for a minute and more while the others warmed up) was
                        // always its slowest, by a third to a half; the floor's JVM serves three
                        // subjects and never idled that long.
                        generate("relay", s, "--pairs", String.valueOf(p), "--seconds", String.valueOf(preRun));
                        relays.computeIfAbsent(p + "\t" + s.name(), k -> new ArrayList<>())
                                .add(generate("relay", s, "--pairs", String.valueOf(p), "--seconds", String.valueOf(seconds)));
                    }
                }
            }
            Map<String, JsonObject> held = new LinkedHashMap<>();
            for (Subject s : subjects) {
                if (s.scenarios().sessions()) {
                    // Unmeasured batches first: the relay warm-up does not compile the handshake path.
                    for (int batch = 0; batch < sessionWarmUp; batch++) {
                        generate("connections", s, "--sessions", String.valueOf(sessions));
                    }
                    held.put(s.name(), generate("connections", s, "--sessions", String.valueOf(sessions)));
                }
            }
            printRelays(pairs, seconds, relaying, relays);
            printConnections(sessions, subjects, held);
        } finally {
            java.util.Collections.reverse(started);
            for (AutoCloseable c : started) {
                c.close();
            }
        }
    }

    private static Subject subject(String name, String protocol, String url, long pid, boolean java, long startNanos,
            Scenarios scenarios) throws IOException {
        double start = (System.nanoTime() - startNanos) / 1e9;
        return new Subject(name, protocol, url, pid, java, start, new ServerProcess(pid).rssBytes(), scenarios);
    }

    /**
     * Runs one scenario of the Node generator against {@code s} and returns its result line, or
     * a line saying it failed (the table shows it; the other servers are still measured).
     */
    private static JsonObject generate(String scenario, Subject s, String... options) throws InterruptedException {
        try {
            return run(scenario, s, options);
        } catch (IOException | RuntimeException e) {
            System.out.println(s.name() + ": " + scenario + " failed: " + e.getMessage());
            return Json.createObjectBuilder().add("failedRun", String.valueOf(e.getMessage())).build();
        }
    }

    private static JsonObject run(String scenario, Subject s, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "load.mjs", scenario, "--target", s.protocol(), "--url", s.url(),
                "--pid", String.valueOf(s.pid())));
        command.addAll(List.of(options));
        if (s.java()) {
            command.add("--jcmd");
        }
        Process p = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("load.mjs " + scenario + " against " + s.name() + " failed: " + out);
        }
        JsonObject result = Json.createReader(new StringReader(out.strip().lines().reduce((a, b) -> b).orElseThrow()))
                .readObject();
        System.out.println(s.name() + ": " + result);
        return result;
    }

    private static void printRelays(List<Integer> pairs, int seconds, List<Subject> subjects,
            Map<String, List<JsonObject>> relays) {
        System.out.printf("%nRelay, %d s a run; each cell lists the runs; ratios are of the means, to the PeerJS server%n%n",
                seconds);
        System.out.println("| server | pairs | relayed msg/s | vs. PeerJS | round trip p50 / p99 (ms) | server CPU per message (µs) "
                + "| vs. PeerJS | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int p : pairs) {
            List<JsonObject> peer = relays.get(p + "\t" + peerJs(subjects).name());
            for (Subject s : subjects) {
                List<JsonObject> runs = relays.get(p + "\t" + s.name());
                System.out.printf("| %s | %d | %s | %.2fx | %s | %s | %.2fx | %s |%n", s.name(), p, cells(runs, "perSecond", "%,.0f"),
                        mean(runs, "perSecond") / mean(peer, "perSecond"),
                        runs.stream().map(r -> r.containsKey("failedRun") ? "failed"
                                : String.format("%.1f / %.1f", num(r, "p50Millis"), num(r, "p99Millis")))
                                .collect(Collectors.joining("; ")),
                        cells(runs, "cpuMicrosPerMessage", "%.1f"),
                        mean(runs, "cpuMicrosPerMessage") / mean(peer, "cpuMicrosPerMessage"), cells(runs, "errors", "%.0f"));
            }
        }
        Subject signalbox = subjects.get(0);
        System.out.println();
        for (int p : pairs) {
            List<JsonObject> sb = relays.get(p + "\t" + signalbox.name());
            for (String floor : List.of(BLOCKING_FLOOR, VIRTUAL_FLOOR)) {
                List<JsonObject> fl = relays.get(p + "\t" + named(subjects, floor).name());
                System.out.printf("%d pairs: Signalbox relays %.2fx the floor's rate%s at %.2fx its CPU per message%n", p,
                        mean(sb, "perSecond") / mean(fl, "perSecond"), floor.replace(" (Liberty)", ""),
                        mean(sb, "cpuMicrosPerMessage") / mean(fl, "cpuMicrosPerMessage"));
            }
        }
    }

    private static void printConnections(int sessions, List<Subject> subjects, Map<String, JsonObject> held) {
        JsonObject peer = held.get(peerJs(subjects).name());
        System.out.printf("%nSessions: %d opened one after another, each taken by the server (joined or OPEN), then held%n%n",
                sessions);
        System.out.println("| server | start to ready (s) | RSS after start (MB) | sessions opened/s | server CPU per session (µs) "
                + "| vs. PeerJS | RSS with them held (MB) | RSS per idle session (kB) | vs. PeerJS "
                + "| heap after GC per idle session (kB) | failed |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        // RSS per session is the growth while the sessions opened; a Node server that gives back
        // memory its relay runs took shows less, even below zero: read it with the RSS held.
        for (Subject s : subjects) {
            JsonObject r = held.get(s.name());
            if (r == null) {
                continue;
            }
            System.out.printf("| %s | %.1f | %.0f | %,.0f | %.0f | %.2fx | %.0f | %.1f | %.2fx | %s | %s |%n", s.name(),
                    s.startSeconds(), s.rssAfterStart() / 1e6, num(r, "perSecond"), num(r, "cpuMicrosPerSession"),
                    num(r, "cpuMicrosPerSession") / num(peer, "cpuMicrosPerSession"), num(r, "rssBytesHeld") / 1e6,
                    num(r, "rssBytesPerSession") / 1000,
                    num(r, "rssBytesPerSession") / num(peer, "rssBytesPerSession"),
                    s.java() ? String.format("%.1f", num(r, "heapBytesPerSession") / 1000) : "-",
                    r.containsKey("failedRun") ? "run failed" : String.valueOf(r.getInt("failed")));
        }
        JsonObject signalbox = held.get(subjects.get(0).name());
        System.out.println();
        for (String floor : List.of(BLOCKING_FLOOR, CDI_FLOOR)) {
            System.out.printf("Signalbox opens a session at %.2fx the CPU of the floor%s%n",
                    num(signalbox, "cpuMicrosPerSession") / num(held.get(named(subjects, floor).name()), "cpuMicrosPerSession"),
                    floor.replace(" (Liberty)", ""));
        }
    }

    /** The subject whose name ends with {@code suffix}. */
    private static Subject named(List<Subject> subjects, String suffix) {
        return subjects.stream().filter(s -> s.name().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static Subject peerJs(List<Subject> subjects) {
        return subjects.stream().filter(s -> s.protocol().equals("peerjs")).findFirst().orElseThrow();
    }

    private static String cells(List<JsonObject> runs, String field, String format) {
        return runs.stream().map(r -> r.containsKey("failedRun") ? "failed" : String.format(format, num(r, field)))
                .collect(Collectors.joining(" / "));
    }

    private static double mean(List<JsonObject> runs, String field) {
        return runs.stream().mapToDouble(r -> num(r, field)).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    /** A figure of a run; NaN when the run failed or did not measure it. */
    private static double num(JsonObject r, String field) {
        return r == null || !r.containsKey(field) || r.isNull(field) ? Double.NaN : r.getJsonNumber(field).doubleValue();
    }

    /**
     * The floor's WAR: the one endpoint class, at the context root; with {@code beanArchive}, also
     * one application-scoped bean, which is all it takes for Liberty to treat the WAR as a CDI
     * application (a {@code beans.xml} alone, finding no bean, does not).
     */
    private static Path floorWar(boolean beanArchive) throws IOException {
        Path war = Files.createTempFile("relay-floor", ".war");
        WebArchive archive = ShrinkWrap.create(WebArchive.class, "relay.war").addClass(RelayFloorEndpoint.class)
                .addAsWebInfResource(new StringAsset("""
                        <web-ext xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.1">
                          <context-root uri="/"/>
                        </web-ext>
                        """), "ibm-web-ext.xml");
        if (beanArchive) {
            archive.addClass(FloorBean.class).addAsWebInfResource(new StringAsset("""
                    <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
                    """), "beans.xml");
        }
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    /** The floor's features: as listed, or for {@code signalbox} those liberty/server.xml lists. */
    private static List<String> floorFeatures(String option) throws IOException {
        if (!option.equals("signalbox")) {
            return List.of(option.split(","));
        }
        Matcher m = Pattern.compile("<feature>([^<]+)</feature>")
                .matcher(Files.readString(Path.of("liberty/server.xml")));
        List<String> features = new ArrayList<>();
        while (m.find()) {
            features.add(m.group(1));
        }
        return features;
    }

    /** The floor's Liberty: {@code features}, Liberty's defaults otherwise. */
    private static Path floorConfig(List<String> features) throws IOException {
        Path dir = Files.createTempDirectory("relay-floor");
        String listed = features.stream().map(f -> "<feature>" + f + "</feature>").collect(Collectors.joining());
        Files.writeString(dir.resolve("server.xml"), """
                <server description="the relay floor">
                  <featureManager>%s</featureManager>
                  <variable name="http.port" defaultValue="9080"/>
                  <httpEndpoint id="defaultHttpEndpoint" host="*" httpPort="${http.port}" httpsPort="-1"/>
                  <applicationManager autoExpand="true"/>
                </server>
                """.formatted(listed));
        Files.copy(Path.of("liberty/jvm.options"), dir.resolve("jvm.options")); // the same JVM flags as Signalbox's
        return dir;
    }

    /** Opens and closes one WebSocket: throws until the endpoint is deployed. */
    private static Object probe(URI uri) {
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { })
                .orTimeout(5, TimeUnit.SECONDS).join();
        socket.abort();
        return socket;
    }

    private static Process startPayara(Path jar, Path war, Map<String, String> env, int port) throws IOException {
        Path root = Files.createTempDirectory("compare-payara");
        ProcessBuilder builder = new ProcessBuilder(Path.of(env.get("JAVA_HOME"), "bin", "java").toString(), "-jar", jar.toString(), "--deploy",
                war.toString(), "--contextroot", "/", "--port", String.valueOf(port), "--nocluster", "--rootdir",
                root.toString()).redirectErrorStream(true).redirectOutput(root.resolve("console.log").toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> Server.registriesAt(port) != null);
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    /** Starts one of the Node servers of {@code src/test/node} and returns once it says it listens. */
    private static Process startNode(String script, int port) throws IOException {
        Process p = new ProcessBuilder("node", script, String.valueOf(port)).directory(NODE_DIR.toFile())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = out.readLine(); // "... on PORT, pid N", or null if it died
        if (line == null || !line.contains(" on " + port)) {
            p.destroyForcibly();
            throw new IOException(script + " did not start: " + line);
        }
        return p;
    }
}
