package io.signalbox.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of the server's process, read from {@code /proc} (Linux); for a
 * cluster, the CPU time of all its nodes' processes together.
 */
final class ServerProcess {
    /** Clock ticks per second of {@code /proc/PID/stat}; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;
    private final long pid;
    private final long[] others;

    ServerProcess(long pid, long... others) {
        this.pid = pid;
        this.others = others;
    }

    /** User plus system CPU time so far, in microseconds, of every process named. */
    long cpuMicros() throws IOException {
        long total = cpuMicros(pid);
        for (long other : others) {
            total += cpuMicros(other);
        }
        return total;
    }

    private static long cpuMicros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    /** Resident set size, in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** Heap in use after a full GC, asked of the server JVM with {@code jcmd}. */
    long heapAfterGcBytes() throws IOException, InterruptedException {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        // "garbage-first heap   total 262144K, used 51234K"
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IOException("no heap figure in: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
