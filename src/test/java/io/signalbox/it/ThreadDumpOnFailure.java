package io.signalbox.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, writes the thread dump of the Liberty servers whose name it was given
 * ({@code jcmd PID Thread.print}) to {@code target/thread-dumps/}, and says where: a hang in
 * the server shows there, not in the test's timeout.
 */
final class ThreadDumpOnFailure implements TestWatcher {
    private final String[] servers;

    ThreadDumpOnFailure(String... servers) {
        this.servers = servers;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (String server : servers) {
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("ws-server.jar")
                            && p.info().commandLine().orElse("").endsWith(" " + server))
                    .forEach(p -> dump(p.pid(), server, context.getDisplayName()));
        }
    }

    private static void dump(long pid, String server, String test) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "thread-dumps"));
            Path file = dir.resolve(server + "-" + System.currentTimeMillis() + ".txt");
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            jcmd.waitFor(30, TimeUnit.SECONDS);
            System.out.println("thread dump of " + server + " after " + test + " failed: " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("no thread dump of " + server + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
