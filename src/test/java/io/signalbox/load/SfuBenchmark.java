package io.signalbox.load;

import com.microsoft.playwright.Page;
import io.signalbox.it.Browsers;
import io.signalbox.it.JanusServer;
import io.signalbox.it.LibertyNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One publisher and a growing audience of headless Chromium players, under each media backend:
 * after each player joins, whether every player still decodes, the publisher's upload, and
 * (under janus) Janus's CPU and memory. Starts Liberty twice (mesh, janus), a Janus in a network
 * namespace of its own and Chromium itself; needs root, as the SFU tests do. See docs/benchmark.md.
 *
 * <p>{@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 mvn -q exec:java@sfu-bench -Dexec.args="--max-viewers 8"}
 */
public final class SfuBenchmark {
    private static final int NETWORK = 9;
    private static final String UPLOAD = "async () => { const pcs = [...window.demo.client.links.values()].map(l => l.pc);"
            + " const sent = async () => { let b = 0; for (const pc of pcs) (await pc.getStats()).forEach(r => {"
            + "   if (r.type === 'outbound-rtp') b += r.bytesSent; }); return b; };"
            + " const a = await sent(); await new Promise(r => setTimeout(r, 4000)); return (await sent() - a) * 8 / 4; }";
    private static final String FRAMES = "async () => { let f = 0; for (const l of window.demo.client.links.values())"
            + " (await l.pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') f += r.framesDecoded || 0; });"
            + " return f; }";

    private record Row(String backend, int viewers, int decoding, double uploadBitsPerSecond, double janusCores, long janusRss) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = LoadGenerator.options(args, 0);
        int maxViewers = Integer.parseInt(o.getOrDefault("--max-viewers", "8"));
        Path wlp = Path.of(o.getOrDefault("--wlp", "target/liberty/wlp"));
        Path war = Path.of(o.getOrDefault("--war", "target/signalbox.war"));
        List<Row> rows = new ArrayList<>();
        try (JanusServer janus = JanusServer.start(NETWORK);
                Browsers browsers = Browsers.forMediaServer()) {
            Map<String, String> sfu = JanusServer.environment(NETWORK);
            try (LibertyNode mesh = LibertyNode.start("bench-mesh", 19394, Map.of(), wlp, war)) {
                rows.addAll(audience("mesh", browsers, mesh.httpPort, maxViewers, null));
            }
            try (LibertyNode node = LibertyNode.start("bench-janus", 19395, sfu, wlp, war)) {
                rows.addAll(audience("janus", browsers, node.httpPort, maxViewers, new ServerProcess(janus.pid())));
            }
        }
        System.out.println("\n| backend | players | players decoding | publisher upload (Mb/s) | Janus CPU (cores) | Janus RSS (MB) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf("| %s | %d | %d | %.2f | %s | %s |%n", r.backend(), r.viewers(), r.decoding(),
                    r.uploadBitsPerSecond() / 1e6, r.janusRss() < 0 ? "-" : String.format("%.2f", r.janusCores()),
                    r.janusRss() < 0 ? "-" : String.valueOf(r.janusRss() / (1024 * 1024)));
        }
    }

    /** Adds players one at a time, measuring after each, until one no longer decodes or the most is reached. */
    private static List<Row> audience(String backend, Browsers browsers, int port, int maxViewers, ServerProcess janus)
            throws Exception {
        String s = "bench-" + backend + "-" + System.nanoTime();
        List<Row> rows = new ArrayList<>();
        List<Page> pages = new ArrayList<>();
        Page publisher = browsers.openAt(port, "/demo/publish.html?streamId=" + s);
        pages.add(publisher);
        Browsers.awaitConnected(publisher);
        publisher.click("#publish");
        publisher.waitForFunction("() => window.demo.events.includes('publish_started')");
        List<Page> players = new ArrayList<>();
        for (int n = 1; n <= maxViewers; n++) {
            Page player = browsers.openAt(port, "/demo/play.html?streamId=" + s);
            pages.add(player);
            players.add(player);
            Browsers.awaitConnected(player);
            player.click("#play");
            try {
                Browsers.awaitRemoteVideos(player, 1);
            } catch (RuntimeException e) {
                System.out.printf("%s: player %d did not show video: %s%n", backend, n, e.getMessage().lines().findFirst().orElse(""));
                rows.add(new Row(backend, n, decoding(players), 0, 0, -1));
                break;
            }
            long cpuBefore = janus == null ? 0 : janus.cpuMicros();
            long start = System.nanoTime();
            double upload = ((Number) publisher.evaluate(UPLOAD)).doubleValue();
            double cores = janus == null ? 0 : (janus.cpuMicros() - cpuBefore) / ((System.nanoTime() - start) / 1000.0);
            int decoding = decoding(players);
            rows.add(new Row(backend, n, decoding, upload, cores, janus == null ? -1 : janus.rssBytes()));
            System.out.printf("%s: %d players, %d decoding, upload %.2f Mb/s%n", backend, n, decoding, upload / 1e6);
            if (decoding < n) {
                break;
            }
        }
        try {
            publisher.click("#stop");
        } catch (RuntimeException e) {
            // A page of an overloaded browser may not answer in time; closing it ends the stream too.
            System.out.printf("%s: stop not clicked: %s%n", backend, e.getMessage().lines().findFirst().orElse(""));
        }
        pages.forEach(p -> p.context().close());
        return rows;
    }

    /** How many players decoded more frames over two seconds. */
    private static int decoding(List<Page> players) throws InterruptedException {
        List<Long> before = new ArrayList<>();
        for (Page p : players) {
            before.add(((Number) p.evaluate(FRAMES)).longValue());
        }
        Thread.sleep(2000); // the measurement window itself
        int decoding = 0;
        for (int i = 0; i < players.size(); i++) {
            if (((Number) players.get(i).evaluate(FRAMES)).longValue() > before.get(i)) {
                decoding++;
            }
        }
        return decoding;
    }
}
