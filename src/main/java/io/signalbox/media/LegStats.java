package io.signalbox.media;

/**
 * What the media server counts on one session's connection for one leg: packets and bits per
 * second it sent to the session and got from it, by kind, and the session's address as its
 * connection's selected ICE pair has it (empty when unknown).
 */
public record LegStats(long audioPacketsSent, long videoPacketsSent, long bitsPerSecondSent, long audioPacketsReceived,
        long videoPacketsReceived, long bitsPerSecondReceived, String remoteAddress) {
}
