package io.signalbox.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * Load against a running Signalbox: {@code relay} (pairs ping-pong 250-byte takeCandidate
 * messages through the server), {@code connections} (N joined sessions held open) and
 * {@code rooms} (members join and leave rooms; how long until the others hear of it). Prints
 * what it measured; asserts nothing. See docs/benchmark.md.
 */
public final class LoadGenerator {
    private static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 192.0.2.7 54321 typ srflx raddr "
            + "10.0.0.7 rport 54321 generation 0 ufrag a1b2 network-cost 999 extra-padding-to-250-bytes";

    private final URI server;
    private final ServerProcess process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What one relay run measured; {@code cpuMicrosPerMessage} is NaN when no server process was named. */
    record RelayResult(double messagesPerSecond, long p50Micros, long p99Micros, double cpuMicrosPerMessage, long errors) {
    }

    LoadGenerator(URI server, ServerProcess process) {
        this.server = server;
        this.process = process;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        LoadGenerator generator = new LoadGenerator(URI.create(o.getOrDefault("--url", "ws://localhost:9080/websocket")),
                o.containsKey("--server-pid") ? new ServerProcess(Long.parseLong(o.get("--server-pid"))) : null);
        switch (args.length == 0 ? "" : args[0]) {
            case "relay" -> generator.relay(Integer.parseInt(o.getOrDefault("--pairs", "50")),
                    Integer.parseInt(o.getOrDefault("--seconds", "20")),
                    Target.valueOf(o.getOrDefault("--target", "signalbox").toUpperCase()),
                    URI.create(o.getOrDefault("--url2", generator.server.toString())));
            case "connections" -> generator.connections(Integer.parseInt(o.getOrDefault("--sessions", "1000")),
                    Integer.parseInt(o.getOrDefault("--hold-seconds", "0")));
            case "rooms" -> generator.rooms(Integer.parseInt(o.getOrDefault("--rooms", "100")),
                    Integer.parseInt(o.getOrDefault("--members", "8")), Integer.parseInt(o.getOrDefault("--rounds", "5")));
            default -> System.err.println("usage: relay [--pairs 50 --seconds 20 --target signalbox|peerjs|ws --url2 URL]"
                    + " | connections [--sessions 1000 --hold-seconds 0]"
                    + " | rooms [--rooms 100 --members 8 --rounds 5] [--url ws://host:port/websocket] [--server-pid PID]");
        }

    }

    /**
     * What the generator talks to: Signalbox (join a stream, then takeCandidate), a PeerJS server
     * (npm {@code peer}: CANDIDATE messages addressed to the other peer's id), or the bare Node
     * {@code ws} relay in {@code src/test/node} (the same frames, forwarded by {@code dst}).
     */
    enum Target {
        SIGNALBOX("{\"command\":\"takeCandidate\""),
        PEERJS("{\"type\":\"CANDIDATE\""),
        WS("{\"type\":\"CANDIDATE\"");

        /** How a relayed candidate frame starts, so it is told apart without parsing. */
        final String relayedPrefix;

        Target(String relayedPrefix) {
            this.relayedPrefix = relayedPrefix;
        }

        URI endpoint(URI server, String id) {
            return switch (this) {
                case SIGNALBOX -> server;
                case PEERJS -> URI.create(server + "/peerjs?key=peerjs&id=" + id + "&token=" + id);
                case WS -> URI.create(server + "?id=" + id);
            };
        }
    }

    /**
     * P pairs join P2P; each pair keeps one candidate in flight both ways for the whole time.
     * The second peer of each pair connects to {@code second}, which is another node of a
     * Signalbox cluster when it differs from the first.
     */
    RelayResult relay(int pairs, int seconds, Target target, URI second) throws Exception {
        Recorder rtt = new Recorder(3);
        AtomicLong relayed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String stream = "load-" + UUID.randomUUID();
            Peer a = new Peer(target, stream + "-a", stream + "-b", stream, rtt, relayed, errors);
            Peer b = new Peer(target, stream + "-b", stream + "-a", stream, rtt, relayed, errors);
            connect(a, target.endpoint(server, a.self));
            connect(b, target.endpoint(second, b.self));
            if (target == Target.SIGNALBOX) {
                a.send(join(stream));
                a.awaitJoined();
                b.send(join(stream));
            } else {
                a.awaitJoined();
            }
            b.awaitJoined();
            peers.add(a);
            peers.add(b);
        }
        rtt.getIntervalHistogram(); // forget the warm-up
        relayed.set(0);
        long cpuBefore = process == null ? 0 : process.cpuMicros();
        long start = now();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (Peer p : peers) {
            p.deadline = end;
            p.sendCandidate();
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - start)); // the measured interval itself
        long cpuAfter = process == null ? 0 : process.cpuMicros();
        double elapsed = (now() - start) / 1e9;
        Histogram h = rtt.getIntervalHistogram();
        long messages = relayed.get();
        System.out.printf("relay (%s%s): %d pairs, %.1f s, %d messages relayed, %.0f msg/s, errors %d%n",
                target.name().toLowerCase(), second.equals(server) ? "" : ", pairs across two nodes",
                pairs, elapsed, messages, messages / elapsed, errors.get());
        System.out.printf("round trip (to the peer and back, through the server twice) us: p50 %d p90 %d p99 %d max %d%n",
                h.getValueAtPercentile(50) / 1000, h.getValueAtPercentile(90) / 1000,
                h.getValueAtPercentile(99) / 1000, h.getMaxValue() / 1000);
        double cpuPerMessage = process == null ? Double.NaN : (cpuAfter - cpuBefore) / (double) messages;
        if (process != null) {
            System.out.printf("server CPU: %.1f us per relayed message%n", cpuPerMessage);
        }
        closeAll(peers);
        return new RelayResult(messages / elapsed, h.getValueAtPercentile(50) / 1000, h.getValueAtPercentile(99) / 1000,
                cpuPerMessage, errors.get());
    }

    /** N sessions, each joined to its own stream, held, measured, then closed. */
    private void connections(int sessions, int holdSeconds) throws Exception {
        long heapBefore = process == null ? 0 : process.heapAfterGcBytes();
        long rssBefore = process == null ? 0 : process.rssBytes();
        AtomicLong errors = new AtomicLong();
        List<Peer> peers = new ArrayList<>();
        long start = System.nanoTime();
        int failed = 0;
        for (int i = 0; i < sessions; i++) {
            try {
                String stream = "held-" + UUID.randomUUID();
                Peer p = new Peer(Target.SIGNALBOX, stream, stream, stream, new Recorder(3), new AtomicLong(), errors);
                connect(p, server);
                p.send(join(stream));
                p.awaitJoined();
                peers.add(p);
            } catch (RuntimeException e) {
                failed++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("connections: %d joined, %d failed, %.0f sessions/s%n", peers.size(), failed, peers.size() / elapsed);
        if (process != null) {
            long heap = process.heapAfterGcBytes() - heapBefore;
            long rss = process.rssBytes() - rssBefore;
            System.out.printf("server heap after GC: +%d bytes per session; RSS: +%d bytes per session%n",
                    heap / Math.max(1, peers.size()), rss / Math.max(1, peers.size()));
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds)); // time to look at the server with them open
        long closing = System.nanoTime();
        closeAll(peers);
        int left = awaitNoSessions(Duration.ofSeconds(60));
        System.out.printf("after close: %d sessions left on the server after %.1f s%n", left,
                (System.nanoTime() - closing) / 1e9);
    }

    /**
     * Polls the server's readiness check until it counts no open session, and returns the count
     * it last read: 0, or what was still open at the deadline.
     */
    private int awaitNoSessions(Duration deadline) throws IOException, InterruptedException {
        URI health = URI.create(server.toString().replaceFirst("^ws", "http")).resolve("/health/ready");
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            String body = http.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            // A number on Liberty, a string of digits on Payara (protocol §13).
            jakarta.json.JsonValue sessions = Json.createReader(new StringReader(body)).readObject().getJsonArray("checks")
                    .getJsonObject(0).getJsonObject("data").get("sessions");
            int open = sessions instanceof jakarta.json.JsonString text ? Integer.parseInt(text.getString())
                    : ((jakarta.json.JsonNumber) sessions).intValue();
            if (open == 0 || System.nanoTime() > until) {
                return open;
            }
            Thread.sleep(100); // a poll interval: the server has no event for "all released" to await
        }
    }

    /**
     * R rooms of M members. Each round, the k-th member of every room joins at once, and the
     * round goes on when every earlier member has heard {@code streamJoined}; then they leave in
     * the same order and the rest hear {@code streamLeaved}. The fan-out latency is from the
     * joinRoom (or leaveFromRoom) leaving the generator to one member receiving its notification.
     */
    private void rooms(int rooms, int members, int rounds) throws Exception {
        Recorder joinedLatency = new Recorder(3);
        Recorder leftLatency = new Recorder(3);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<CountDownLatch> step = new AtomicReference<>(new CountDownLatch(0));
        List<List<Member>> all = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            List<Member> room = new ArrayList<>();
            String name = "room-" + UUID.randomUUID();
            for (int m = 0; m < members; m++) {
                Member member = new Member(name, "member-" + UUID.randomUUID(), sentAt, joinedLatency, leftLatency, step, errors);
                member.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(server, member).orTimeout(10, TimeUnit.SECONDS).join();
                room.add(member);
            }
            all.add(room);
        }
        long cpuBefore = process == null ? 0 : process.cpuMicros();
        long start = System.nanoTime();
        long notifications = 0;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < members; k++) {
                notifications += step(all, k, k, step, Member::joinRoom);
            }
            for (int k = 0; k < members; k++) {
                notifications += step(all, k, members - 1 - k, step, Member::leaveRoom);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpuAfter = process == null ? 0 : process.cpuMicros();
        System.out.printf("rooms: %d rooms x %d members, %d rounds, %.1f s, %d joins and leaves, %d notifications"
                + " (%.0f/s), errors %d%n", rooms, members, rounds, elapsed, 2L * rooms * members * rounds,
                notifications, notifications / elapsed, errors.get());
        print("streamJoined fan-out us", joinedLatency.getIntervalHistogram());
        print("streamLeaved fan-out us", leftLatency.getIntervalHistogram());
        if (process != null) {
            System.out.printf("server CPU: %.1f us per notification%n", (cpuAfter - cpuBefore) / (double) notifications);
        }
        all.forEach(room -> room.forEach(m -> m.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")));
    }

    /** Runs {@code action} on the k-th member of every room and waits for the {@code listeners} notifications each causes. */
    private static long step(List<List<Member>> all, int k, int listeners, AtomicReference<CountDownLatch> step,
            java.util.function.Consumer<Member> action) throws InterruptedException {
        long expected = (long) all.size() * listeners;
        CountDownLatch done = new CountDownLatch((int) expected + all.size());
        step.set(done);
        all.forEach(room -> action.accept(room.get(k)));
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("step " + k + ": " + done.getCount() + " notifications missing after 60 s");
        }
        return expected;
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%s: p50 %d p90 %d p99 %d max %d (%d samples)%n", what, h.getValueAtPercentile(50) / 1000,
                h.getValueAtPercentile(90) / 1000, h.getValueAtPercentile(99) / 1000, h.getMaxValue() / 1000,
                h.getTotalCount());
    }

    private static void closeAll(List<Peer> peers) {
        peers.forEach(p -> p.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    private static String join(String stream) {
        return Json.createObjectBuilder().add("command", "join").add("streamId", stream).add("mode", "both")
                .add("multiPeer", false).build().toString();
    }

    private void connect(Peer peer, URI endpoint) {
        peer.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(endpoint, peer)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** One session. A candidate it receives from its peer is answered with its own at once. */
    private static final class Peer implements WebSocket.Listener {
        final Target target;
        final String self;
        final String other;
        final String stream;
        final Recorder rtt;
        final AtomicLong relayed;
        final AtomicLong errors;
        final CountDownLatch joined = new CountDownLatch(1);
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;
        volatile long deadline;

        Peer(Target target, String self, String other, String stream, Recorder rtt, AtomicLong relayed,
                AtomicLong errors) {
            this.target = target;
            this.self = self;
            this.other = other;
            this.stream = stream;
            this.rtt = rtt;
            this.relayed = relayed;
            this.errors = errors;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        void awaitJoined() throws InterruptedException {
            if (!joined.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no joined within 10 s");
            }
        }

        void sendCandidate() {
            if (now() > deadline) {
                return;
            }
            // The send time rides in the candidate's id, so the round trip needs no shared state.
            socket.sendText(candidate(now()), true);
        }

        /** A candidate of about 250 bytes, built as text: the generator must cost less than the server. */
        String candidate(long id) {
            if (target == Target.SIGNALBOX) {
                return "{\"command\":\"takeCandidate\",\"streamId\":\"" + stream + "\",\"label\":0,\"id\":\"" + id
                        + "\",\"candidate\":\"" + CANDIDATE + "\"}";
            }
            return "{\"type\":\"CANDIDATE\",\"dst\":\"" + other + "\",\"payload\":{\"id\":\"" + id
                    + "\",\"candidate\":\"" + CANDIDATE + "\"}}";
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith(target.relayedPrefix)) {
                    relayed(text);
                } else {
                    handle(READERS.createReader(new StringReader(text)).readObject());
                }
            }
            webSocket.request(1);
            return null;
        }

        /** A relayed candidate, read by position: the id is the only field that changes. */
        private void relayed(String text) {
            relayed.incrementAndGet();
            int at = text.indexOf("\"id\":\"") + 6;
            long id = Long.parseLong(text, at, text.indexOf('"', at), 10);
            if (id > 0) {
                socket.sendText(candidate(-id), true); // the peer's candidate: send it back, marked as an echo
            } else {
                rtt.recordValue(now() + id); // our own candidate back: one round trip through the server twice
                sendCandidate();
            }
        }

        private void handle(JsonObject frame) {
            if ("OPEN".equals(frame.getString("type", ""))) {
                joined.countDown(); // PeerJS, or the bare relay: the id is registered
                return;
            }
            switch (frame.getString("command", "")) {
                case "notification" -> {
                    if ("joined".equals(frame.getString("definition", ""))) {
                        joined.countDown();
                    }
                }
                case "error" -> errors.incrementAndGet();
                default -> { }
            }
        }
    }

    /**
     * One room member with its own stream. Its own joinedTheRoom or leavedFromRoom counts down the
     * step, as does each notification about another member, whose latency it records.
     */
    private static final class Member implements WebSocket.Listener {
        final String room;
        final String stream;
        final Map<String, Long> sentAt;
        final Recorder joined;
        final Recorder left;
        final AtomicReference<CountDownLatch> step;
        final AtomicLong errors;
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        Member(String room, String stream, Map<String, Long> sentAt, Recorder joined, Recorder left,
                AtomicReference<CountDownLatch> step, AtomicLong errors) {
            this.room = room;
            this.stream = stream;
            this.sentAt = sentAt;
            this.joined = joined;
            this.left = left;
            this.step = step;
            this.errors = errors;
        }

        void joinRoom() {
            sentAt.put(stream, now());
            socket.sendText(Json.createObjectBuilder().add("command", "joinRoom").add("room", room)
                    .add("streamId", stream).add("mode", "multitrack").build().toString(), true);
        }

        void leaveRoom() {
            sentAt.put(stream, now());
            socket.sendText(Json.createObjectBuilder().add("command", "leaveFromRoom").add("room", room)
                    .add("streamId", stream).build().toString(), true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject frame = READERS.createReader(new StringReader(partial.toString())).readObject();
                partial.setLength(0);
                handle(frame);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(JsonObject frame) {
            long received = now();
            if ("error".equals(frame.getString("command"))) {
                errors.incrementAndGet();
                return;
            }
            switch (frame.getString("definition", "")) {
                case "joinedTheRoom", "leavedFromRoom" -> step.get().countDown();
                case "streamJoined" -> {
                    joined.recordValue(received - sentAt.get(frame.getString("streamId")));
                    step.get().countDown();
                }
                case "streamLeaved" -> {
                    left.recordValue(received - sentAt.get(frame.getString("streamId")));
                    step.get().countDown();
                }
                default -> { }
            }
        }
    }

    private static final long ORIGIN = System.nanoTime();
    private static final jakarta.json.JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    /** Nanoseconds since this generator started, always positive, so a negated one marks an echo. */
    private static long now() {
        return System.nanoTime() - ORIGIN + 1;
    }

    static Map<String, String> options(String[] args) {
        return options(args, 1);
    }

    /** {@code --name value} pairs from {@code args[from]} on (the generator's first argument is its scenario). */
    static Map<String, String> options(String[] args, int from) {
        Map<String, String> o = new HashMap<>();
        for (int i = from; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        return o;
    }
}
