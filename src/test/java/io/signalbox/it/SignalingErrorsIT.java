package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.signalbox.error.ErrorDefinition;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each error of the P2P commands, provoked by its real cause, checked payload and all. */
@ExtendWith(ArquillianExtension.class)
class SignalingErrorsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ParameterizedTest
    @ValueSource(strings = {"join", "leave", "takeConfiguration", "takeCandidate", "reportError"})
    void aStreamCommandWithoutStreamIdIsNoStreamNameSpecified(String command) {
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"" + command + "\"}");
            assertEquals(expected("noStreamNameSpecified", null), client.awaitError("noStreamNameSpecified"));
            client.send("{\"command\":\"" + command + "\",\"streamId\":\"\"}");
            assertEquals(expected("noStreamNameSpecified", null), client.awaitError("noStreamNameSpecified"));
            client.assertNothingPending();
        }
    }

    @Test
    void aStreamIdOutsideTheRuleIsInvalidStreamNameAndNamesIt() {
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Messages.join("no spaces allowed"));
            assertEquals(expected("invalidStreamName", "no spaces allowed"), client.awaitError("invalidStreamName"));
            String tooLong = "x".repeat(129);
            client.send(Messages.join(tooLong));
            assertEquals(expected("invalidStreamName", tooLong), client.awaitError("invalidStreamName"));
        }
    }

    @Test
    void relayingOnAStreamNeverJoinedIsNoPeerAssociatedBefore() {
        String s = Ids.unique("lonely");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Messages.configuration(s, "offer", Messages.OFFER_SDP));
            assertEquals(expected("no_peer_associated_before", s), client.awaitError("no_peer_associated_before"));
            client.send(Messages.candidate(s, 0, Messages.CANDIDATE));
            assertEquals(expected("no_peer_associated_before", s), client.awaitError("no_peer_associated_before"));
            client.send(Messages.leave(s));
            assertEquals(expected("no_peer_associated_before", s), client.awaitError("no_peer_associated_before"));
        }
    }

    @Test
    void relayingBeforeTheSecondPeerArrivesIsNoPeerAssociatedBefore() {
        String s = Ids.unique("early");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(Messages.join(s));
            client.awaitNotification("joined");
            client.send(Messages.candidate(s, 0, Messages.CANDIDATE));
            assertEquals(expected("no_peer_associated_before", s), client.awaitError("no_peer_associated_before"));
        }
    }

    @Test
    void relayingOnAnotherPairsStreamIsNoPeerAssociatedBeforeAndReachesNobody() {
        String s = Ids.unique("private");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient intruder = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, s);
            intruder.send(Messages.configuration(s, "offer", Messages.OFFER_SDP));
            intruder.awaitError("no_peer_associated_before");
            a.assertNothingPending();
            b.assertNothingPending();
        }
    }

    @Test
    void aThirdPeerIsNoSpaceForNewPeer() {
        String s = Ids.unique("crowded");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect();
                SignalingClient c = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, s);
            c.send(Messages.join(s));
            assertEquals(expected("NoSpaceForNewPeer", s), c.awaitError("NoSpaceForNewPeer"));
        }
    }

    @Test
    void aReportedLocalDescriptionFailureReachesTheOtherPeer() {
        String s = Ids.unique("report");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, s);
            b.send(Messages.reportError(s, "notSetLocalDescription"));
            assertEquals(expected("notSetLocalDescription", s), a.awaitError("notSetLocalDescription"));
            b.assertNothingPending();
        }
    }

    @Test
    void aReportedRemoteDescriptionFailureReachesTheOtherPeer() {
        String s = Ids.unique("report-remote");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, s);
            a.send(Messages.reportError(s, "notSetRemoteDescription"));
            assertEquals(expected("notSetRemoteDescription", s), b.awaitError("notSetRemoteDescription"));
        }
    }

    @Test
    void reportingAnythingElseIsInvalidMessage() {
        String s = Ids.unique("report-other");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, s);
            a.send(Messages.reportError(s, "unauthorized_access"));
            assertEquals(expected("invalid_message", s), a.awaitError("invalid_message"));
            b.assertNothingPending();
        }
    }

    @Test
    void anUnknownCommandIsUnknownCommandAndNamesTheStream() {
        String s = Ids.unique("unknown");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"teleport\",\"streamId\":\"" + s + "\"}");
            assertEquals(expected("unknown_command", s), client.awaitError("unknown_command"));
            client.assertNothingPending();
        }
    }

    /** The two push notification commands as Ant Media's SDK 2.16.2 sends them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"command\":\"registerPushNotificationToken\",\"subscriberId\":\"u1\",\"token\":\"\",\"pnsRegistrationToken\":\"abc\",\"pnsType\":\"fcm\"}",
        "{\"command\":\"sendPushNotification\",\"subscriberId\":\"u1\",\"token\":\"\",\"pushNotificationContent\":{\"title\":\"hi\"},\"subscriberIdsToNotify\":[\"u2\"]}"})
    void pushNotificationCommandsArePushNotificationsNotConfiguredAndTheSessionCarriesOn(String frame) {
        try (SignalingClient client = SignalingClient.connect()) {
            client.send(frame);
            assertEquals(expected("push_notifications_not_configured", null), client.awaitError("push_notifications_not_configured"));
            client.send("{\"command\":\"ping\"}");
            client.awaitMessage("pong");
            client.assertNothingPending();
        }
    }

    @Test
    void anUnknownOrInvalidFrameNamingARoomGetsAnErrorNamingThatRoom() {
        String room = Ids.unique("named-room");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"teleport\",\"room\":\"" + room + "\"}");
            assertEquals(Messages.expectedError("unknown_command", null, room), client.awaitError("unknown_command"));
            client.send("{\"command\":\"joinRoom\",\"room\":\"" + room + "\",\"streamName\":[1]}");
            assertEquals(Messages.expectedError("invalid_message", null, room), client.awaitError("invalid_message"));
            client.assertNothingPending();
        }
    }

    @Test
    void anSdpTypeOtherThanOfferOrAnswerIsInvalidMessage() {
        String s = Ids.unique("sdp-type");
        try (SignalingClient a = SignalingClient.connect(); SignalingClient b = SignalingClient.connect()) {
            PeerToPeerIT.joinPair(a, b, s);
            a.send(Messages.configuration(s, "pranswer-ish", Messages.OFFER_SDP));
            assertEquals(expected("invalid_message", s), a.awaitError("invalid_message"));
            b.assertNothingPending();
        }
    }

    @Test
    void anUnknownJoinModeIsInvalidMessage() {
        String s = Ids.unique("mode");
        try (SignalingClient client = SignalingClient.connect()) {
            client.send("{\"command\":\"join\",\"streamId\":\"" + s + "\",\"mode\":\"spy\"}");
            assertEquals(expected("invalid_message", s), client.awaitError("invalid_message"));
        }
    }

    private static JsonObject expected(String definition, String streamId) {
        return Messages.expectedError(definition, streamId, null);
    }
}
