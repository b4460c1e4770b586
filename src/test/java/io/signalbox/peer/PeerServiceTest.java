package io.signalbox.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.cluster.LocalMaps;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.session.SessionId;
import io.signalbox.stream.Registries;
import io.signalbox.stream.StreamId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerServiceTest {
    private final PeerService cut = new PeerService();
    private final SessionId a = new SessionId("a");
    private final SessionId b = new SessionId("b");
    private final SessionId c = new SessionId("c");
    private final StreamId s = new StreamId("s");

    PeerServiceTest() {
        cut.store = new PairStore();
        cut.store.maps = new LocalMaps();
        cut.registry = Registries.allowingUnregistered(cut.store.maps);
    }

    @Test
    void theSecondPeerMakesTheFirstStart() {
        assertEquals(Optional.empty(), cut.join(a, s, PeerMode.BOTH).partner());
        assertEquals(Optional.of(a), cut.join(b, s, PeerMode.PLAY).partner());
        assertEquals(b, cut.otherPeer(a, s));
        assertEquals(a, cut.otherPeer(b, s));
        assertEquals(List.of(new PeerService.Peer(a, PeerMode.BOTH), new PeerService.Peer(b, PeerMode.PLAY)), cut.peers(s));
    }

    @Test
    void everyChangeIsNumberedAboveTheOneBefore() {
        long joined = cut.join(a, s, PeerMode.BOTH).version();
        long paired = cut.join(b, s, PeerMode.BOTH).version();
        long left = cut.leave(a, s).version();
        assertTrue(joined < paired && paired < left, joined + " < " + paired + " < " + left);
    }

    @Test
    void joiningTwiceChangesNothing() {
        cut.join(a, s, PeerMode.BOTH);
        assertEquals(Optional.empty(), cut.join(a, s, PeerMode.BOTH).partner());
        assertEquals(1, cut.peers(s).size());
    }

    @Test
    void aThirdPeerIsRefused() {
        cut.join(a, s, PeerMode.BOTH);
        cut.join(b, s, PeerMode.BOTH);
        assertEquals(ErrorDefinition.NO_SPACE_FOR_NEW_PEER,
                assertThrows(SignalingException.class, () -> cut.join(c, s, PeerMode.BOTH)).definition());
        assertEquals(2, cut.peers(s).size());
    }

    @Test
    void relayingWithoutJoiningIsNoPeerAssociatedBefore() {
        cut.join(a, s, PeerMode.BOTH);
        cut.join(b, s, PeerMode.BOTH);
        assertEquals(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                assertThrows(SignalingException.class, () -> cut.otherPeer(c, s)).definition());
    }

    @Test
    void relayingBeforeTheOtherPeerArrivesIsNoPeerAssociatedBefore() {
        cut.join(a, s, PeerMode.BOTH);
        assertEquals(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                assertThrows(SignalingException.class, () -> cut.otherPeer(a, s)).definition());
    }

    @Test
    void leavingTellsWhoRemainsAndFreesTheSeat() {
        cut.join(a, s, PeerMode.BOTH);
        cut.join(b, s, PeerMode.BOTH);
        assertEquals(Optional.of(b), cut.leave(a, s).remaining());
        assertEquals(Optional.of(b), cut.join(c, s, PeerMode.BOTH).partner());
    }

    @Test
    void leavingAStreamNotJoinedIsNoPeerAssociatedBefore() {
        assertEquals(ErrorDefinition.NO_PEER_ASSOCIATED_BEFORE,
                assertThrows(SignalingException.class, () -> cut.leave(a, s)).definition());
    }

    @Test
    void releasingASessionLeavesAllItsStreamsAndEmptiesTheRegistry() {
        StreamId t = new StreamId("t");
        cut.join(a, s, PeerMode.BOTH);
        cut.join(b, s, PeerMode.BOTH);
        cut.join(a, t, PeerMode.BOTH);
        List<PeerService.Left> left = cut.release(a);
        assertEquals(2, left.size());
        assertTrue(left.stream().anyMatch(l -> l.stream().equals(s) && l.remaining().equals(Optional.of(b))));
        assertTrue(left.stream().anyMatch(l -> l.stream().equals(t) && l.remaining().isEmpty()));
        assertEquals(List.of(), cut.release(a));
        cut.release(b);
        assertEquals(0, cut.streamCount());
        assertEquals(0, cut.sessionCount());
    }
}
