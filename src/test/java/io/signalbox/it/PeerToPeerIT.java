package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Protocol section 5, end to end over real WebSockets. */
@ExtendWith(ArquillianExtension.class)
class PeerToPeerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void twoPeersCompleteTheWholeExchangeAndLeave() {
        String s = Ids.unique("call");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            a.send(Messages.join(s));
            assertEquals(notification("joined", s), a.awaitNotification("joined"));

            b.send(Messages.join(s));
            assertEquals(notification("joined", s), b.awaitNotification("joined"));
            assertEquals(Json.createObjectBuilder().add("command", "start").add("streamId", s).build(),
                    a.awaitMessage("start"));

            exchangeOfferAnswerAndCandidates(a, b, s);

            a.send(Messages.leave(s));
            assertEquals(notification("leaved", s), a.awaitNotification("leaved"));
            assertEquals(Json.createObjectBuilder().add("command", "stop").add("streamId", s).build(),
                    b.awaitMessage("stop"));
            a.assertNothingPending();
            b.assertNothingPending();
        }
    }

    @Test
    void aCandidateLabelSentAsAStringIsRelayedAsANumber() {
        String s = Ids.unique("label");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            joinPair(a, b, s);
            a.send("{\"command\":\"takeCandidate\",\"streamId\":\"" + s + "\",\"label\":\"2\",\"id\":\"2\",\"candidate\":\"c\"}");
            assertEquals(2, b.awaitMessage("takeCandidate").getInt("label"));
        }
    }

    @Test
    void aThirdPeerGetsNoSpaceForNewPeerAndThePairCarriesOn() {
        String s = Ids.unique("full");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient c = SignalingClient.connect()) {
            joinPair(a, b, s);
            c.send(Messages.join(s));
            c.awaitError("NoSpaceForNewPeer");
            a.send(Messages.candidate(s, 0, Messages.CANDIDATE));
            b.awaitMessage("takeCandidate");
            a.assertNothingPending();
        }
    }

    /** Ant Media's SDK built with isMultiPeer sends multiPeer: true; it joins as any join, and no connectWithNewId comes. */
    @Test
    void aMultiPeerJoinIsAPlainJoinAndGetsNoConnectWithNewId() {
        String s = Ids.unique("multipeer");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient c = SignalingClient.connect()) {
            JsonObject multiPeer = Json.createObjectBuilder(Messages.join(s)).add("multiPeer", true).build();
            a.send(multiPeer);
            assertEquals(notification("joined", s), a.awaitNotification("joined"));
            b.send(multiPeer);
            assertEquals(notification("joined", s), b.awaitNotification("joined"));
            a.awaitMessage("start");
            c.send(multiPeer);
            c.awaitError("NoSpaceForNewPeer");
            for (SignalingClient client : List.of(a, b, c)) {
                client.assertNothingPending();
            }
        }
    }

    @Test
    void aClosedPeerFreesTheStreamForANewJoin() {
        String s = Ids.unique("closed");
        try (SignalingClient a = SignalingClient.connect()) {
            SignalingClient b = SignalingClient.connect();
            joinPair(a, b, s);
            b.close();
            assertEquals(Json.createObjectBuilder().add("command", "stop").add("streamId", s).build(),
                    a.awaitMessage("stop"));
            try (SignalingClient c = SignalingClient.connect()) {
                c.send(Messages.join(s));
                c.awaitNotification("joined");
                a.awaitMessage("start");
            }
        }
    }

    @Test
    void aDroppedConnectionFreesTheStreamAndTellsTheOtherPeer() {
        String s = Ids.unique("dropped");
        try (SignalingClient a = SignalingClient.connect()) {
            SignalingClient b = SignalingClient.connect();
            joinPair(a, b, s);
            b.abort();
            a.awaitMessage("stop");
            a.send(Messages.leave(s));
            a.awaitNotification("leaved");
            try (SignalingClient c = SignalingClient.connect(); SignalingClient d = SignalingClient.connect()) {
                joinPair(c, d, s);
            }
        }
    }

    @Test
    void theLeaverCanJoinAgainAtOnce() {
        String s = Ids.unique("rejoin");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            joinPair(a, b, s);
            b.send(Messages.leave(s));
            b.awaitNotification("leaved");
            a.awaitMessage("stop");
            b.send(Messages.join(s));
            b.awaitNotification("joined");
            a.awaitMessage("start");
        }
    }

    @Test
    void aReceiveOnlyPeerJoinsAndRelaysTheSame() {
        String s = Ids.unique("play");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            a.send(Messages.join(s));
            a.awaitNotification("joined");
            b.send("{\"command\":\"join\",\"streamId\":\"" + s + "\",\"mode\":\"play\"}");
            b.awaitNotification("joined");
            a.awaitMessage("start");
            a.send(Messages.configuration(s, "offer", Messages.OFFER_SDP));
            b.awaitMessage("takeConfiguration");
        }
    }

    /** Offer from the caller, answer from the callee, one candidate each way; each must arrive unchanged (the descriptions with an empty idMapping added). */
    static void exchangeOfferAnswerAndCandidates(SignalingClient caller, SignalingClient callee, String s) {
        JsonObject offer = Messages.configuration(s, "offer", Messages.OFFER_SDP);
        caller.send(offer);
        assertEquals(Messages.relayed(offer), callee.awaitMessage("takeConfiguration"));
        JsonObject answer = Messages.configuration(s, "answer", Messages.ANSWER_SDP);
        callee.send(answer);
        assertEquals(Messages.relayed(answer), caller.awaitMessage("takeConfiguration"));
        JsonObject fromCaller = Messages.candidate(s, 0, Messages.CANDIDATE);
        JsonObject fromCallee = Messages.candidate(s, 1, Messages.CANDIDATE.replace("192.0.2.7", "192.0.2.8"));
        caller.send(fromCaller);
        callee.send(fromCallee);
        assertEquals(fromCaller, callee.awaitMessage("takeCandidate"));
        assertEquals(fromCallee, caller.awaitMessage("takeCandidate"));
    }

    @Test
    void aPeerMessageReachesTheOtherPeerAsItCameAndNobodyOnceItHasLeft() {
        String s = Ids.unique("chat");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient c = SignalingClient.connect()) {
            joinPair(a, b, s);
            JsonObject text = Json.createObjectBuilder().add("command", "peerMessageCommand").add("streamId", s)
                    .add("definition", "chat").add("data", "hello").build();
            a.send(text);
            assertEquals(text, b.awaitMessage("peerMessageCommand"));
            JsonObject structured = Json.createObjectBuilder().add("command", "peerMessageCommand").add("streamId", s)
                    .add("definition", "cursor").add("data", Json.createObjectBuilder().add("x", 3).add("y", List.of(1, 2).size()))
                    .build();
            b.send(structured);
            assertEquals(structured, a.awaitMessage("peerMessageCommand"));
            // A session outside the pair reaches nobody.
            c.send(text);
            assertEquals(Messages.expectedError("no_peer_associated_before", s, null), c.awaitError("no_peer_associated_before"));
            b.send(Messages.leave(s));
            b.awaitNotification("leaved");
            a.awaitMessage("stop");
            a.send(text);
            assertEquals(Messages.expectedError("no_peer_associated_before", s, null), a.awaitError("no_peer_associated_before"));
            for (SignalingClient client : List.of(a, b, c)) {
                client.assertNothingPending();
            }
        }
    }

    static void joinPair(SignalingClient a, SignalingClient b, String s) {
        a.send(Messages.join(s));
        a.awaitNotification("joined");
        b.send(Messages.join(s));
        b.awaitNotification("joined");
        a.awaitMessage("start");
    }

    private static JsonObject notification(String definition, String streamId) {
        return Json.createObjectBuilder().add("command", "notification").add("definition", definition)
                .add("streamId", streamId).build();
    }
}
