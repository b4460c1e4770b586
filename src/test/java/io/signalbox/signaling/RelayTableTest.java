package io.signalbox.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.signalbox.session.SessionId;
import org.junit.jupiter.api.Test;

class RelayTableTest {
    private final RelayTable cut = new RelayTable();
    private final SessionId b = new SessionId("n2.b");
    private final SessionId c = new SessionId("n3.c");
    private final RelayTable.Key peerOfS = RelayTable.Key.peer("s");

    @Test
    void aLaterChangeWinsWhateverOrderChangesArriveIn() {
        // b joined (3), b left (4), c joined (5); they arrive here 5, 3, 4 from three nodes.
        cut.apply(peerOfS, c, null, 5);
        cut.apply(peerOfS, b, null, 3);
        cut.apply(peerOfS, null, null, 4);
        assertEquals(c, cut.lookUp("s", null).to());
    }

    @Test
    void aRemovalArrivingBeforeTheJoinItUndoesKeepsTheRouteRemoved() {
        cut.apply(peerOfS, null, null, 8);
        cut.apply(peerOfS, b, null, 7);
        assertNull(cut.lookUp("s", null));
    }

    @Test
    void aPublisherRoutesBySubscriberIdAndAViewerToItsPublisherTaggedWithItsOwn() {
        RelayTable viewer = new RelayTable();
        viewer.apply(RelayTable.Key.broadcast("live", null), b, "sub-1", 1);
        RelayTable.Route toPublisher = viewer.lookUp("live", "ignored-for-a-viewer");
        assertEquals(b, toPublisher.to());
        assertEquals(RelayTable.Key.broadcast("live", "sub-1"), toPublisher.back());

        cut.apply(RelayTable.Key.broadcast("live", "sub-1"), c, null, 1);
        assertEquals(c, cut.lookUp("live", "sub-1").to());
        assertEquals(RelayTable.Key.broadcast("live", null), cut.lookUp("live", "sub-1").back());
        // A publisher that names no viewer, or an unknown one, has no route here.
        assertNull(cut.lookUp("live", null));
        assertNull(cut.lookUp("live", "sub-2"));
    }

    @Test
    void aP2pRouteIsNotTakenForAMessageNamingASubscriber() {
        cut.apply(peerOfS, b, null, 1);
        assertNull(cut.lookUp("s", "sub"));
        assertEquals(b, cut.lookUp("s", null).to());
    }
}
