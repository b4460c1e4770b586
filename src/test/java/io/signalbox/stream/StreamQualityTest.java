package io.signalbox.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.cluster.LocalMaps;
import io.signalbox.encoding.EncoderSetting;
import io.signalbox.encoding.Encodings;
import io.signalbox.media.Feed;
import io.signalbox.media.MediaAddress;
import io.signalbox.media.MediaEvent;
import io.signalbox.media.MediaServer;
import io.signalbox.session.SessionId;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamQualityTest {
    private static final List<EncoderSetting> THREE = List.of(rung(720), rung(360), rung(180));
    private final StreamQuality cut = new StreamQuality();
    private final SessionId publisher = new SessionId("p");
    private final StreamId s = new StreamId("s");

    /** A media plane that forwards, so getStreamInfo lists what comes in; nothing else of it is asked here. */
    private static MediaServer forwarding() {
        return (MediaServer) Proxy.newProxyInstance(MediaServer.class.getClassLoader(), new Class<?>[] {MediaServer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("forwards")) {
                        return true;
                    }
                    throw new AssertionError(method.getName() + " is not for this test");
                });
    }

    @BeforeEach
    void aStreamPublishedThroughTheMediaServerWithAThreeRungLadder() {
        cut.store = new BroadcastStore();
        cut.store.maps = new LocalMaps();
        StreamsConfig config = new StreamsConfig();
        config.allowUnregistered = true;
        cut.registry = new StreamRegistry();
        cut.registry.config = config;
        cut.registry.maps = cut.store.maps;
        cut.encoding = Encodings.withServerLadder(THREE);
        cut.media = forwarding();
        cut.store.put(s, new Broadcast(publisher, Map.of(), new MediaAddress(java.net.URI.create("ws://janus")), List.of(), null));
    }

    @Test
    void aHeightMapsToTheSimulcastLayerThatCarriesItCountedFromTheLowest() {
        assertEquals(List.of(0, 1, 2, 2), List.of(StreamQuality.layerOf(THREE, 180), StreamQuality.layerOf(THREE, 360),
                StreamQuality.layerOf(THREE, 720), StreamQuality.layerOf(THREE, 0)));
        // Only the three highest rungs are sent: a lower one gets the lowest layer.
        List<EncoderSetting> four = List.of(rung(1080), rung(720), rung(360), rung(180));
        assertEquals(List.of(0, 0, 1, 2), List.of(StreamQuality.layerOf(four, 180), StreamQuality.layerOf(four, 360),
                StreamQuality.layerOf(four, 720), StreamQuality.layerOf(four, 1080)));
    }

    @Test
    void streamInfoListsTheRungsWhoseLayersComeInAndNothingBefore() {
        assertEquals(List.of(), heights());
        cut.receiving(new MediaEvent.Receiving(publisher, new Feed("s"), List.of(0), true));
        assertEquals(List.of(180), heights());
        cut.receiving(new MediaEvent.Receiving(publisher, new Feed("s"), List.of(0, 1, 2), true));
        assertEquals(List.of(720, 360, 180), heights());
        cut.receiving(new MediaEvent.Receiving(publisher, new Feed("s"), List.of(0, 1), true));
        assertEquals(List.of(360, 180), heights());
    }

    @Test
    void aPublisherThatDoesNotSimulcastIsListedAsTheTopRungWhileItsVideoComesIn() {
        cut.receiving(new MediaEvent.Receiving(publisher, new Feed("s"), List.of(0), false));
        assertEquals(List.of(720), heights());
        cut.receiving(new MediaEvent.Receiving(publisher, new Feed("s"), List.of(), false));
        assertEquals(List.of(), heights());
    }

    @Test
    void reportsAboutAnotherPublisherOrAGoneStreamChangeNothing() {
        cut.receiving(new MediaEvent.Receiving(new SessionId("someone-else"), new Feed("s"), List.of(0), true));
        assertEquals(List.of(), heights());
        cut.receiving(new MediaEvent.Receiving(publisher, new Feed("gone"), List.of(0), true));
        assertEquals(1, cut.store.publishedCount());
    }

    private List<Integer> heights() {
        return cut.streamInfo(s).stream().map(EncoderSetting::height).toList();
    }

    private static EncoderSetting rung(int height) {
        return new EncoderSetting(height, height * 1000, 64000);
    }
}
