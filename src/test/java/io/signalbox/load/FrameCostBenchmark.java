package io.signalbox.load;

import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ClientMessageParser;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.signaling.message.ServerMessageJson;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading and writing one relayed frame costs the server, apart from the socket: a
 * candidate as browsers send it and an offer of about 3 kB, parsed as the endpoint parses them,
 * and the relayed message written as the directory writes it. See docs/benchmark.md:
 * {@code mvn -q exec:java@frame-cost}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameCostBenchmark {
    private static final String CANDIDATE = "{\"command\":\"takeCandidate\",\"streamId\":\"stream-1\",\"label\":0,\"id\":\"0\","
            + "\"candidate\":\"candidate:842163049 1 udp 1677729535 192.0.2.7 46154 typ srflx raddr 0.0.0.0 rport 0"
            + " generation 0 ufrag sXRp network-cost 999\",\"subscriberId\":\"viewer-1\"}";
    private static final String OFFER = "{\"command\":\"takeConfiguration\",\"streamId\":\"stream-1\",\"type\":\"offer\",\"sdp\":\"v=0\\r\\n"
            + "a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0\\r\\n".repeat(40) + "\",\"subscriberId\":\"viewer-1\"}";

    private final ClientMessageParser parser = new ClientMessageParser(64 * 1024);
    private final ServerMessage candidateOut = relayed(parser.parse(CANDIDATE));
    private final ServerMessage offerOut = relayed(parser.parse(OFFER));

    @Benchmark
    public ClientMessage parseCandidate() {
        return parser.parse(CANDIDATE);
    }

    @Benchmark
    public ClientMessage parseOffer() {
        return parser.parse(OFFER);
    }

    @Benchmark
    public String writeCandidate() {
        return ServerMessageJson.encode(candidateOut);
    }

    @Benchmark
    public String writeOffer() {
        return ServerMessageJson.encode(offerOut);
    }

    /** The message the viewer is sent, as RelayCommands makes it. */
    private static ServerMessage relayed(ClientMessage in) {
        if (in instanceof ClientMessage.TakeCandidate c) {
            return ServerMessage.Candidate.relay(c.streamId(), c.label(), c.id(), c.candidate(), null);
        }
        ClientMessage.TakeConfiguration c = (ClientMessage.TakeConfiguration) in;
        return ServerMessage.Configuration.relay(c.streamId(), c.type(), c.sdp(), null);
    }
}
