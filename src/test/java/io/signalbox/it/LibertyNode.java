package io.signalbox.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A Liberty server a test starts and kills itself, for tests that need more than the one
 * Arquillian manages: the installed runtime ({@code wlp.home}), a server directory made from
 * {@code liberty/} ({@code server.xml}, {@code jvm.options}), and the test deployment ({@link Deployments#war}) in its dropins.
 * Its configuration comes from the environment, as on Kubernetes.
 */
public final class LibertyNode implements AutoCloseable {
    final String name;
    public final int httpPort;
    private final Path dir;
    private final Process process;

    private LibertyNode(String name, int httpPort, Path dir, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.dir = dir;
        this.process = process;
    }

    /** Starts server {@code name} on {@code httpPort} with the test deployment, and returns once it reports its health. */
    static LibertyNode start(String name, int httpPort, Map<String, String> environment) throws IOException {
        Path war = Files.createTempFile("signalbox-it", ".war");
        Deployments.war().as(ZipExporter.class).exportTo(war.toFile(), true);
        return start(name, httpPort, environment, Path.of(System.getProperty("wlp.home")), war);
    }

    /** Starts server {@code name} of the runtime at {@code wlp} with {@code war}, and returns once it reports its health. */
    public static LibertyNode start(String name, int httpPort, Map<String, String> environment, Path wlp, Path war)
            throws IOException {
        return start(name, httpPort, environment, wlp, war, Path.of("liberty"), () -> Server.registriesAt(httpPort));
    }

    /**
     * Starts server {@code name} of the runtime at {@code wlp} with {@code war} and the
     * {@code server.xml} and {@code jvm.options} of {@code config}, and returns once {@code ready}
     * runs without failing. {@code JAVA_HOME} in {@code environment} picks the JVM.
     */
    public static LibertyNode start(String name, int httpPort, Map<String, String> environment, Path wlp, Path war,
            Path config, Callable<?> ready) throws IOException {
        Path dir = wlp.resolve("usr/servers").resolve(name);
        deleteRecursively(dir);
        Files.createDirectories(dir.resolve("dropins"));
        for (String file : new String[] {"server.xml", "jvm.options"}) {
            Files.copy(config.resolve(file), dir.resolve(file));
        }
        Files.writeString(dir.resolve("bootstrap.properties"), "http.port=" + httpPort + "\n");
        Files.copy(war, dir.resolve("dropins/signalbox.war"));
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name)
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        LibertyNode node = new LibertyNode(name, httpPort, dir, builder.start());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        if (!node.process.isAlive()) {
                            throw new IllegalStateException(name + " exited; see " + dir.resolve("console.log"));
                        }
                        ready.call();
                        return true;
                    });
        } catch (RuntimeException e) {
            node.kill(); // a server that never became ready must not outlive the test and hold its ports
            throw e;
        }
        return node;
    }

    /** The process id of the server's JVM. */
    public long javaPid() {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst()
                .map(ProcessHandle::pid).orElse(process.pid());
    }

    public URI websocket() {
        return URI.create("ws://localhost:" + httpPort + "/websocket");
    }

    SignalingClient connect() {
        return SignalingClient.connectTo(websocket());
    }

    /** Kills the JVM at once (SIGKILL): no socket is closed, no cluster member says goodbye. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    Path log() {
        return dir.resolve("logs/messages.log");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
