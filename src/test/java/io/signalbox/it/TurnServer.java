package io.signalbox.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn ({@code turnserver} from Debian) on loopback, checking TURN REST API credentials
 * with a shared secret ({@code use-auth-secret}), and relaying to loopback peers, which coturn
 * refuses unless told ({@code allow-loopback-peers}): the tests' two browsers are both on loopback.
 */
public final class TurnServer implements AutoCloseable {
    public static final int PORT = 19478;
    public static final String SECRET = "turn-it-" + UUID.randomUUID();
    public static final String URI = "turn:127.0.0.1:" + PORT + "?transport=udp";
    private static final Duration READY = Duration.ofSeconds(15);
    private final Process process;
    private final Path log = Path.of("target", "coturn.log").toAbsolutePath();

    private TurnServer() throws IOException, InterruptedException {
        process = new ProcessBuilder("turnserver", "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                "--listening-port=" + PORT, "--use-auth-secret", "--static-auth-secret=" + SECRET, "--realm=signalbox.test",
                "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli", "--min-port=49160", "--max-port=49260",
                "--pidfile=" + Path.of("target", "coturn.pid").toAbsolutePath(), "--log-file=stdout", "--simple-log")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("coturn did not start; see " + log);
            }
            Thread.sleep(50); // polling a port that has no event to wait on, bounded by READY
        }
    }

    /** Starts coturn and waits until it listens (its TCP listener on the same port as UDP). */
    public static TurnServer start() throws IOException, InterruptedException {
        return new TurnServer();
    }

    /** The Signalbox settings that hand out credentials for this coturn. */
    public static String[] settings() {
        return new String[] {"signalbox.ice.turn-uri=" + URI, "signalbox.ice.turn-secret=" + SECRET,
            "signalbox.ice.turn-ttl-seconds=600"};
    }

    private static boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
