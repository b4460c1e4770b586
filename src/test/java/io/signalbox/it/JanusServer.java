package io.signalbox.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real Janus (Debian's package) with the repository's configuration ({@code k8s/janus}),
 * started by a test in a network namespace of its own: Janus gathers no ICE candidates on
 * loopback, so the test makes a veth pair, gives Janus the namespace's end
 * ({@code 10.231.N.2}) and the browsers on this host the other ({@code 10.231.N.1}). Traffic
 * goes only to those two addresses: the namespace has no route anywhere else. Needs root.
 */
public final class JanusServer implements AutoCloseable {
    public static final String API_SECRET = "signalbox-it-" + UUID.randomUUID();
    public static final String ADMIN_SECRET = "signalbox-it-admin-" + UUID.randomUUID();
    private static final Duration READY = Duration.ofSeconds(15);

    private final String namespace;
    private final String hostSide;
    private final String namespaceSide;
    private final String hostAddress;
    private final String janusAddress;
    private final Path log;
    private Process janus;
    private List<String> settings = List.of();

    private JanusServer(int index) {
        namespace = "sbxj" + index;
        hostSide = "sbxj" + index + "h";
        namespaceSide = "sbxj" + index + "n";
        hostAddress = "10.231." + index + ".1";
        janusAddress = "10.231." + index + ".2";
        log = Path.of("target", "janus-" + index + ".log").toAbsolutePath();
    }

    /** Makes namespace {@code index} (1 to 254; one per test class) and starts Janus in it. */
    public static JanusServer start(int index) throws IOException, InterruptedException {
        return start(index, List.of());
    }

    /**
     * As {@link #start(int)}, with settings of {@code janus.jcfg} changed or added for a benchmark
     * to compare: each {@code section.key=value} (the value as libconfig writes it, {@code "..."}
     * for a string) replaces the key's line, or goes first in its section.
     */
    public static JanusServer start(int index, List<String> settings) throws IOException, InterruptedException {
        JanusServer server = new JanusServer(index);
        server.settings = List.copyOf(settings);
        server.makeNetwork();
        server.startJanus();
        return server;
    }

    /** Janus's WebSocket API, at the namespace's address. */
    public String url() {
        return "ws://" + janusAddress + ":8188";
    }

    /** The Signalbox settings that point a deployment at the Janus of namespace {@code index}. */
    public static String[] settings(int index) {
        return new String[] {"signalbox.media.backend=janus", "signalbox.media.janus.url=" + new JanusServer(index).url(),
            "signalbox.media.janus.api-secret=" + API_SECRET, "signalbox.media.janus.admin-secret=" + ADMIN_SECRET,
            "signalbox.media.janus.max-reconnect-seconds=1"};
    }

    /** The same settings as environment variables, for a server a test starts itself. */
    public static Map<String, String> environment(int index) {
        Map<String, String> env = new HashMap<>();
        for (String setting : settings(index)) {
            String[] kv = setting.split("=", 2);
            env.put(kv[0].toUpperCase().replaceAll("[^A-Z0-9]", "_"), kv[1]);
        }
        return env;
    }

    /** The address of this host's end of the veth pair, where the browsers' media comes from. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The name of this host's end of the veth pair: what it receives is what Janus sent. */
    public String hostInterface() {
        return hostSide;
    }

    /** Starts Janus again (after {@link #kill()}), and waits until its API accepts connections. */
    public void startJanus() throws IOException, InterruptedException {
        janus = new ProcessBuilder("ip", "netns", "exec", namespace, "janus", "-F", configuration().toString(),
                "-L", log.toString(), "-N", "-o", "-E", namespaceSide, "-i", janusAddress, "-a", API_SECRET)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!accepts()) {
            if (!janus.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Janus did not start; see " + log);
            }
            Thread.sleep(50); // polling a port that has no event to wait on, bounded by READY
        }
    }

    /**
     * The repository's configuration (k8s/janus), copied as the Kubernetes Deployment copies it:
     * with this run's Admin API secret put in and the Admin API turned on.
     */
    private Path configuration() throws IOException {
        Path folder = Path.of("target", "janus-config-" + namespace).toAbsolutePath();
        Files.createDirectories(folder);
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("k8s", "janus"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jcfg")).toList()) {
                String text = Files.readString(file).replace("REPLACED-AT-START", ADMIN_SECRET).replace("admin_ws = false", "admin_ws = true");
                if (file.getFileName().toString().equals("janus.jcfg")) {
                    for (String setting : settings) {
                        String[] parts = setting.split("[.=]", 3);
                        if (parts.length < 3 || !text.contains(parts[0] + ": {")) {
                            throw new IllegalArgumentException("not section.key=value of janus.jcfg: " + setting);
                        }
                        java.util.regex.Matcher set = java.util.regex.Pattern.compile("(?m)^\\s*" + parts[1] + "\\s*=.*$").matcher(text);
                        text = set.find() ? set.replaceFirst("\t" + parts[1] + " = " + java.util.regex.Matcher.quoteReplacement(parts[2]))
                                : text.replace(parts[0] + ": {", parts[0] + ": {\n\t" + parts[1] + " = " + parts[2]);
                    }
                }
                Files.writeString(folder.resolve(file.getFileName()), text);
            }
        }
        return folder;
    }

    /** Janus's process id ({@code ip netns exec} execs it in place). */
    public long pid() {
        return janus.pid();
    }

    /** Stops Janus in its tracks (SIGSTOP), as a hung or overloaded media server: it takes connections and answers nothing. */
    public void pause() throws IOException, InterruptedException {
        run("kill", "-STOP", String.valueOf(pid()));
    }

    /** Lets a paused Janus run again (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        run("kill", "-CONT", String.valueOf(pid()));
    }

    /** Kills Janus at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        if (janus != null && janus.isAlive()) {
            janus.destroyForcibly();
            janus.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The rooms Janus itself holds, asked over its own API: what Signalbox left behind. */
    public List<String> rooms() throws Exception {
        try (JanusProbe probe = new JanusProbe(URI.create(url()))) {
            JsonObject created = probe.call(Json.createObjectBuilder().add("janus", "create").build());
            long session = created.getJsonObject("data").getJsonNumber("id").longValue();
            JsonObject attached = probe.call(Json.createObjectBuilder().add("janus", "attach").add("session_id", session)
                    .add("plugin", "janus.plugin.videoroom").build());
            long handle = attached.getJsonObject("data").getJsonNumber("id").longValue();
            JsonObject listed = probe.call(Json.createObjectBuilder().add("janus", "message").add("session_id", session)
                    .add("handle_id", handle).add("body", Json.createObjectBuilder().add("request", "list")).build());
            JsonArray rooms = listed.getJsonObject("plugindata").getJsonObject("data").getJsonArray("list");
            probe.call(Json.createObjectBuilder().add("janus", "destroy").add("session_id", session).build());
            return rooms.stream().map(r -> r.asJsonObject().getString("room")).toList();
        }
    }

    @Override
    public void close() throws Exception {
        kill();
        run("ip", "netns", "del", namespace);
    }

    private void makeNetwork() throws IOException, InterruptedException {
        // A namespace left by an aborted run goes first (deleting it deletes its veth pair too).
        runQuietly("ip", "netns", "del", namespace);
        runQuietly("ip", "link", "del", hostSide);
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", namespaceSide);
        run("ip", "link", "set", namespaceSide, "netns", namespace);
        run("ip", "addr", "add", hostAddress + "/30", "dev", hostSide);
        run("ip", "link", "set", hostSide, "up");
        run("ip", "netns", "exec", namespace, "ip", "addr", "add", janusAddress + "/30", "dev", namespaceSide);
        run("ip", "netns", "exec", namespace, "ip", "link", "set", namespaceSide, "up");
        run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(janusAddress, 8188), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void runQuietly(String... command) throws InterruptedException, IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    /** A bare client of Janus's API for the test's own questions. */
    private static final class JanusProbe implements WebSocket.Listener, AutoCloseable {
        private final WebSocket socket;
        private final LinkedBlockingQueue<JsonObject> answers = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        JanusProbe(URI url) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("janus-protocol")
                    .buildAsync(url, this).orTimeout(5, TimeUnit.SECONDS).join();
        }

        JsonObject call(JsonObject request) throws InterruptedException {
            String transaction = UUID.randomUUID().toString();
            socket.sendText(Json.createObjectBuilder(request).add("transaction", transaction).add("apisecret", API_SECRET)
                    .build().toString(), true).orTimeout(5, TimeUnit.SECONDS).join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                JsonObject answer = answers.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (answer != null && transaction.equals(answer.getString("transaction", ""))
                        && !"ack".equals(answer.getString("janus"))) {
                    return answer;
                }
            }
            throw new AssertionError("Janus did not answer " + request);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                answers.add(Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

}
