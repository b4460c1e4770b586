package io.signalbox.signaling;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.peer.PeerService;
import io.signalbox.room.RoomService;
import io.signalbox.signaling.message.ClientMessage;
import io.signalbox.signaling.message.ServerMessage;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * MicroProfile Metrics of this node, on the server's {@code /metrics}: the registries' sizes as
 * gauges, messages in and out by command, errors sent by definition, and how long a relay takes.
 * Counters are looked up once per command and kept, so the message path only increments.
 */
@ApplicationScoped
public class SignalingMetrics {
    static final String SESSIONS = "signalbox.sessions";
    static final String P2P_PAIRS = "signalbox.p2p.pairs";
    static final String P2P_STREAMS = "signalbox.p2p.streams";
    static final String PUBLISHERS = "signalbox.publishers";
    static final String VIEWERS = "signalbox.viewers";
    static final String ROOMS = "signalbox.rooms";
    static final String MESSAGES_IN = "signalbox.messages.in";
    static final String MESSAGES_OUT = "signalbox.messages.out";
    static final String ERRORS = "signalbox.errors";
    static final String RELAY_TIME = "signalbox.relay.time";

    private static final Map<Class<? extends ClientMessage>, String> COMMAND_NAMES = ClientMessage.COMMANDS
            .entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    @Inject
    MetricRegistry registry;

    @Inject
    PeerService peers;

    @Inject
    StreamService streams;

    @Inject
    RoomService rooms;

    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    private final Map<ErrorDefinition, Counter> errors = new ConcurrentHashMap<>();
    private Timer relayTime;
    private volatile IntSupplier sessionCount = () -> 0;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge(SESSIONS, "Open signaling WebSocket sessions on this node", () -> sessionCount.getAsInt());
        gauge(P2P_PAIRS, "Peer-to-peer streams with both peers joined", peers::pairCount);
        gauge(P2P_STREAMS, "Peer-to-peer streams with at least one peer joined", peers::streamCount);
        gauge(PUBLISHERS, "Streams being published", streams::publishedCount);
        gauge(VIEWERS, "Viewers of all published streams together", streams::viewerCount);
        gauge(ROOMS, "Rooms with at least one stream in them", rooms::roomCount);
        relayTime = registry.timer(Metadata.builder().withName(RELAY_TIME)
                .withDescription("From a relayed message's arrival to its hand-over to the other side's socket")
                .withUnit(MetricUnits.SECONDS)
                .build());
    }

    /** Where the sessions gauge reads this node's open sessions from. */
    void countSessionsWith(IntSupplier count) {
        sessionCount = count;
    }

    /** Counts a message received, by its command ({@code invalid} for a frame that is not one). */
    public void received(ClientMessage message) {
        String command = COMMAND_NAMES.getOrDefault(message.getClass(), "invalid");
        in.computeIfAbsent(command, c -> counter(MESSAGES_IN, "Messages received, by command", "command", c)).inc();
    }

    /** Counts a message sent, by its command, and an error also by its definition. */
    public void sent(ServerMessage message) {
        out.computeIfAbsent(message.command(), c -> counter(MESSAGES_OUT, "Messages sent, by command", "command", c))
                .inc();
        if (message instanceof ServerMessage.Error error) {
            ErrorDefinition.byWireName(error.definition()).ifPresent(definition -> errors.computeIfAbsent(definition,
                    d -> counter(ERRORS, "Error payloads sent, by definition", "definition", d.wireName())).inc());
        }
    }

    /** Records how long relaying one message took. */
    public void relayed(long startNanos) {
        if (relayTime != null) {
            relayTime.update(Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    private Counter counter(String name, String description, String tag, String value) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build(),
                new Tag(tag, value));
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), value, Supplier::get);
    }
}
