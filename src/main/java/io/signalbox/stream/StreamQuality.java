package io.signalbox.stream;

import io.signalbox.encoding.EncoderSetting;
import io.signalbox.encoding.EncodingService;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.media.Feed;
import io.signalbox.media.MediaEvent;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A live stream's encoder ladder (protocol section 8): what its publisher is handed, what
 * {@code getStreamInfo} lists, and a viewer's {@code forceStreamQuality}. Through the media
 * server the publisher sends the ladder's three highest rungs as simulcast layers; the rungs
 * listed are then those whose layer the media server reports coming in, kept with the broadcast.
 */
@ApplicationScoped
public class StreamQuality {

    /**
     * A viewer's quality request: the publisher, when there is one to tell (no media server),
     * sends {@code height} to {@code subscriberId}; through the media server, the server switched the layer itself.
     */
    public record QualityForced(StreamId stream, Optional<SessionId> publisher, String subscriberId, int height) {
    }

    @Inject
    BroadcastStore store;

    @Inject
    StreamRegistry registry;

    @Inject
    EncodingService encoding;

    @Inject
    MediaServer media;

    /** The ladder a publisher of a stream is handed; checks {@code signalbox.encoder.required}. */
    public List<EncoderSetting> publisherLadder(StreamId stream) {
        return encoding.forPublish(stream.value(), ownLadder(stream));
    }

    /**
     * What {@code getStreamInfo} lists for a published stream: its ladder; through the media
     * server, the rungs whose video comes in now, none before it does.
     */
    public List<EncoderSetting> streamInfo(StreamId stream) {
        Broadcast current = requirePublished(stream);
        List<EncoderSetting> ladder = encoding.ladder(stream.value(), ownLadder(stream));
        if (!media.forwards()) {
            return ladder;
        }
        return ladder.stream().filter(rung -> current.receiving().contains(rung.height())).toList();
    }

    /** Checks a viewer's request for one rung of the ladder (0: automatic) and says whom to tell. */
    public QualityForced force(SessionId viewer, StreamId stream, Integer height) {
        Broadcast current = requirePublished(stream);
        List<EncoderSetting> own = ownLadder(stream);
        int rung = encoding.quality(stream.value(), own, height);
        String subscriberId = current.subscriberOf(viewer).orElseThrow(() -> new SignalingException(
                ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE, "session " + viewer + " does not play " + stream));
        if (!media.forwards()) {
            return new QualityForced(stream, Optional.of(current.publisher()), subscriberId, rung);
        }
        media.layer(viewer, new Feed(stream.value()), layerOf(encoding.ladder(stream.value(), own), rung));
        return new QualityForced(stream, Optional.empty(), subscriberId, rung);
    }

    /** Keeps with the broadcast the rungs whose video the media server now receives from its publisher. */
    void receiving(@Observes MediaEvent.Receiving receiving) {
        StreamId stream = new StreamId(receiving.leg().name());
        List<Integer> simulcast = simulcastHeights(encoding.ladderOf(ownLadder(stream)));
        List<Integer> heights = receiving.layers().stream().filter(layer -> layer < simulcast.size())
                .map(layer -> receiving.simulcast() ? simulcast.get(layer) : simulcast.get(simulcast.size() - 1))
                .distinct().toList();
        store.locked(stream, () -> {
            store.find(stream).filter(b -> b.publisher().equals(receiving.session()))
                    .ifPresent(b -> store.put(stream, b.receiving(heights)));
            return null;
        });
    }

    /**
     * The simulcast layer that carries {@code height}: the publisher sends the three highest
     * rungs, counted from the lowest of them (0) up; a lower rung gets the lowest layer, and 0
     * (automatic) the highest.
     */
    static int layerOf(List<EncoderSetting> ladder, int height) {
        List<Integer> heights = simulcastHeights(ladder);
        int layer = heights.indexOf(height);
        return height == 0 ? heights.size() - 1 : Math.max(layer, 0);
    }

    /** The heights of the layers a publisher sends through the media server, lowest (layer 0) first. */
    private static List<Integer> simulcastHeights(List<EncoderSetting> ladder) {
        return ladder.stream().map(EncoderSetting::height).sorted(Comparator.reverseOrder()).limit(3).sorted().toList();
    }

    private Broadcast requirePublished(StreamId stream) {
        return store.find(stream).orElseThrow(() -> new SignalingException(ErrorDefinition.NO_STREAM_EXIST,
                "nobody publishes " + stream));
    }

    private List<EncoderSetting> ownLadder(StreamId stream) {
        return registry.find(stream).map(StreamRegistry.Registration::encoderSettings).orElse(List.of());
    }
}
