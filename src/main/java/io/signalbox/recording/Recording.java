package io.signalbox.recording;

import java.io.Serializable;

/**
 * A recording under way: its stream and that stream's name then, the VoD it becomes, the path
 * (without extension) Janus writes its tracks under, its type ({@code webm} or {@code mp4}), and when it began.
 */
record Recording(String streamId, String streamName, String vodId, String base, String type, long startedMillis) implements Serializable {
}
