package io.signalbox.media.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.media.LegStats;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The figures read from a handle's {@code handle_info}, shaped as Janus 1.1's {@code janus.c} writes it. */
class JanusAdminTest {

    @Test
    void packetsByKindAndTheLastSecondsBitsInBothDirectionsAndTheRemoteAddress() {
        JsonObject info = Json.createReader(new StringReader("""
                {"session_id": 1, "handle_id": 2, "webrtc": {
                  "ice": {"selected-pair": "10.231.3.2:20012 [host,udp] <-> 10.231.3.1:51423 [prflx,udp]"},
                  "media": {
                    "0": {"type": "audio", "mid": "0", "stats": {"in": {"packets": 40, "bytes": 900, "bytes_lastsec": 100},
                                                               "out": {"packets": 500, "bytes": 40000, "bytes_lastsec": 4000}}},
                    "1": {"type": "video", "mid": "1", "stats": {"in": {"packets": 10, "bytes": 300, "bytes_lastsec": 25},
                                                               "out": {"packets": 2000, "bytes": 900000, "bytes_lastsec": 60000}}},
                    "2": {"type": "data", "mid": "2", "stats": {"in": {"packets": 3, "bytes": 30}, "out": {"packets": 4, "bytes": 40}}}
                  }}}
                """)).readObject();
        assertEquals(new LegStats(500, 2000, 64000 * 8, 40, 10, 125 * 8, "10.231.3.1"), JanusAdmin.stats(info));
    }

    @Test
    void aHandleWithoutAPeerConnectionYetCountsNothing() {
        JsonObject info = Json.createObjectBuilder().add("session_id", 1).add("handle_id", 2).build();
        assertEquals(new LegStats(0, 0, 0, 0, 0, 0, ""), JanusAdmin.stats(info));
    }

    @Test
    void theRemoteAddressIsTheHostOfThePairsRightSide() {
        assertEquals("192.0.2.7", JanusAdmin.remoteOf("10.0.0.1:5000 [host,udp] <-> 192.0.2.7:6000 [srflx,udp]"));
        assertEquals("", JanusAdmin.remoteOf(""));
    }
}
