package io.signalbox.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browserless WebRTC client from {@code src/test/node/media} (werift) in a process of its own:
 * it reports one JSON object a line on standard output ({@code {"event": ...}}), takes commands a
 * line each on standard input, and {@link #kill()} makes it vanish without a word, as a crashed
 * encoder does. Its standard error goes to {@code target/node-NAME.log}.
 */
public final class NodeClient implements AutoCloseable {
    /** How long to wait for the first report: a first run also encodes the clip. */
    public static final Duration STARTING = Duration.ofSeconds(60);
    private static final Path SCRIPTS = Path.of("src", "test", "node", "media");

    private final Process process;
    private final Writer commands;
    private final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final Path log;

    private NodeClient(String name, Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    if (line.startsWith("{")) {
                        events.add(Json.createReader(new StringReader(line)).readObject());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The process ended; what it said before stays in the queue.
            }
        }, "node-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The WHIP encoder ({@code whip.mjs}): publishes the clip to {@code url} with {@code token},
     * from {@code bind} only; only audio when {@code audioOnly}.
     */
    public static NodeClient whip(String url, String token, String bind, boolean audioOnly) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", SCRIPTS.resolve("whip.mjs").toString(), "--url", url,
                "--bind", bind, "--clip", Path.of("target", "media").toString()));
        if (token != null) {
            command.addAll(List.of("--token", token));
        }
        if (audioOnly) {
            command.add("--audio-only");
        }
        return start("whip", command);
    }

    private static NodeClient start(String name, List<String> command) throws IOException {
        Path log = Path.of("target", "node-" + name + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeClient(name, process, log);
    }

    /** The next report that is {@code event}, within {@code timeout}; fails naming what came instead. */
    public JsonObject await(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0;) {
            JsonObject next = events.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            seen.add(next);
            if (event.equals(next.getString("event", ""))) {
                return next;
            }
        }
        throw new AssertionError("no " + event + " from the Node client within " + timeout + "; it said " + seen
                + (process.isAlive() ? "" : " and exited with " + process.exitValue()) + "; see " + log);
    }

    /** Sends {@code command} as one line. */
    public void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the process at once (SIGKILL): nothing more is sent, not even a DTLS close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
