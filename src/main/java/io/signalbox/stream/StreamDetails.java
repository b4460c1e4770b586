package io.signalbox.stream;

import java.io.Serializable;

/**
 * What a live stream's publisher said of it: its name and free-text metadata ({@code publish},
 * {@code updateStreamMetaData}), whether it sends video and audio ({@code publish}'s
 * {@code video}/{@code audio}, {@code toggleVideo}/{@code toggleAudio}), and when it began
 * (milliseconds since the epoch). Shown in {@code getBroadcastObject}.
 */
public record StreamDetails(String name, String metaData, boolean video, boolean audio, long startTime) implements Serializable {

    public StreamDetails metaData(String metaData) {
        return new StreamDetails(name, metaData, video, audio, startTime);
    }

    public StreamDetails video(boolean video) {
        return new StreamDetails(name, metaData, video, audio, startTime);
    }

    public StreamDetails audio(boolean audio) {
        return new StreamDetails(name, metaData, video, audio, startTime);
    }
}
