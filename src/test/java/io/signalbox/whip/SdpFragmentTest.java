package io.signalbox.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdpFragmentTest {
    private static final String OFFER = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=ice-ufrag:old1", "a=ice-pwd:oldpassword0123456789ab",
            "a=mid:0", "a=sendonly", "a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host", "a=end-of-candidates",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=ice-ufrag:old1", "a=ice-pwd:oldpassword0123456789ab",
            "a=mid:1", "a=sendonly", "") ;

    @Test
    void aTrickleFragmentGivesEachCandidateItsMidAndSaysWhenThereAreNoMore() {
        SdpFragment fragment = SdpFragment.parse("a=ice-ufrag:old1\r\na=ice-pwd:oldpassword0123456789ab\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=candidate:2 1 udp 1 10.0.0.2 6000 typ host\r\n"
                + "a=end-of-candidates\r\n");
        assertEquals(List.of(new SdpFragment.Candidate("0", "candidate:2 1 udp 1 10.0.0.2 6000 typ host")), fragment.candidates());
        assertTrue(fragment.complete());
        assertFalse(fragment.restarts("old1"));
        assertEquals(Optional.of(0), SdpFragment.mLineIndexOf(OFFER, "0"));
        assertEquals(Optional.of(1), SdpFragment.mLineIndexOf(OFFER, "1"));
        assertEquals(Optional.empty(), SdpFragment.mLineIndexOf(OFFER, "7"));
    }

    @Test
    void newCredentialsRestartIceWithTheOfferRewrittenAndItsCandidatesGone() {
        SdpFragment fragment = SdpFragment.parse("a=ice-ufrag:new2\na=ice-pwd:newpassword0123456789ab\n");
        assertTrue(fragment.restarts(SdpFragment.ufragOf(OFFER)));
        String restarted = fragment.restartOffer(OFFER);
        assertEquals("new2", SdpFragment.ufragOf(restarted));
        assertEquals(2, restarted.split("a=ice-pwd:newpassword0123456789ab", -1).length - 1);
        assertFalse(restarted.contains("a=candidate") || restarted.contains("end-of-candidates") || restarted.contains("old1"));
        assertTrue(restarted.contains("m=video 9 UDP/TLS/RTP/SAVPF 96\r\n"));
    }

    @Test
    void theAnswerFragmentHasTheNewCredentialsAndTheBundlesCandidates() {
        String answer = OFFER.replace("old1", "srv9").replace("oldpassword", "srvpassword");
        assertEquals("a=ice-ufrag:srv9\r\na=ice-pwd:srvpassword0123456789ab\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\na=end-of-candidates\r\n", SdpFragment.answerFragment(answer));
    }

    @Test
    void whatIsNotAFragmentIsInvalidMessage() {
        for (String bad : List.of("hello", "a=ice-ufrag:only\r\n", "{\"candidate\":1}", "a=ice-ufrag:\r\na=ice-pwd:\r\n")) {
            SignalingException e = assertThrows(SignalingException.class, () -> SdpFragment.parse(bad), bad);
            assertEquals(ErrorDefinition.INVALID_MESSAGE, e.definition());
        }
    }
}
