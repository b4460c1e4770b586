package io.signalbox.whip;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A trickle-ICE SDP fragment (RFC 8840), as a WHIP client PATCHes it (RFC 9725): the ICE
 * credentials, when given, and the candidates of each media section, named by its {@code mid},
 * with whether the client has no more. Also what a WHIP server does with SDP around it: read the
 * credentials of an offer, put new ones into it for an ICE restart, and cut the server's answer
 * down to the fragment it returns.
 */
record SdpFragment(Optional<String> ufrag, Optional<String> pwd, List<Candidate> candidates, boolean complete) {

    /** One candidate, its {@code candidate:…} attribute value, in the media section {@code mid}. */
    record Candidate(String mid, String candidate) {
    }

    SdpFragment {
        candidates = List.copyOf(candidates);
    }

    /** Reads a fragment; invalid_message when a line is not SDP ({@code x=…}) or a credential comes without its pair. */
    static SdpFragment parse(String text) {
        String ufrag = null;
        String pwd = null;
        String mid = null;
        boolean complete = false;
        List<Candidate> candidates = new ArrayList<>();
        for (String line : lines(text)) {
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                throw invalid("a line that is not SDP");
            }
            if (line.startsWith("m=")) {
                mid = null;
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length()).trim();
            } else if (line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring("a=ice-ufrag:".length()).trim();
            } else if (line.startsWith("a=ice-pwd:")) {
                pwd = line.substring("a=ice-pwd:".length()).trim();
            } else if (line.startsWith("a=candidate:")) {
                candidates.add(new Candidate(mid, line.substring(2)));
            } else if (line.equals("a=end-of-candidates")) {
                complete = true;
            }
        }
        if ((ufrag == null) != (pwd == null) || "".equals(ufrag) || "".equals(pwd)) {
            throw invalid("ice-ufrag and ice-pwd come together, or neither");
        }
        return new SdpFragment(Optional.ofNullable(ufrag), Optional.ofNullable(pwd), candidates, complete);
    }

    /** Whether this fragment restarts ICE: it carries credentials other than {@code current}. */
    boolean restarts(String current) {
        return ufrag.isPresent() && !ufrag.get().equals(current);
    }

    /** The first {@code a=ice-ufrag} of an SDP; empty when it has none. */
    static String ufragOf(String sdp) {
        return lines(sdp).stream().filter(l -> l.startsWith("a=ice-ufrag:"))
                .map(l -> l.substring("a=ice-ufrag:".length()).trim()).findFirst().orElse("");
    }

    /** The index of the media section of {@code sdp} whose mid is {@code mid}; empty when none is. */
    static Optional<Integer> mLineIndexOf(String sdp, String mid) {
        int index = -1;
        for (String line : lines(sdp)) {
            if (line.startsWith("m=")) {
                index++;
            } else if (index >= 0 && line.equals("a=mid:" + mid)) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    /** {@code offer} with this fragment's credentials in place of its own, and no candidates: the offer of an ICE restart. */
    String restartOffer(String offer) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(offer)) {
            if (line.startsWith("a=ice-ufrag:")) {
                line = "a=ice-ufrag:" + ufrag.orElseThrow();
            } else if (line.startsWith("a=ice-pwd:")) {
                line = "a=ice-pwd:" + pwd.orElseThrow();
            } else if (line.startsWith("a=candidate:") || line.equals("a=end-of-candidates")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    /**
     * The fragment a WHIP server returns for an ICE restart, from its new {@code answer}: the new
     * credentials, then the first media section (the bundle that carries every track) with its
     * {@code mid} and candidates.
     */
    static String answerFragment(String answer) {
        String ufrag = null;
        String pwd = null;
        StringBuilder media = new StringBuilder();
        int section = -1;
        for (String line : lines(answer)) {
            if (line.startsWith("m=")) {
                section++;
                if (section == 0) {
                    media.append(line).append("\r\n");
                }
            } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line;
            } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
                pwd = line;
            } else if (section == 0 && (line.startsWith("a=mid:") || line.startsWith("a=candidate:") || line.equals("a=end-of-candidates"))) {
                media.append(line).append("\r\n");
            }
        }
        if (ufrag == null || pwd == null) {
            throw new IllegalStateException("the media server's answer has no ICE credentials");
        }
        return ufrag + "\r\n" + pwd + "\r\n" + media;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static SignalingException invalid(String why) {
        return new SignalingException(ErrorDefinition.INVALID_MESSAGE, "not a trickle-ice-sdpfrag: " + why);
    }
}
