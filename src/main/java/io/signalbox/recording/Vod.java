package io.signalbox.recording;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.Serializable;

/**
 * A recording kept, with Ant Media's VoD field names: its id, the stream it recorded and that
 * stream's name, its file's name and path (in {@code signalbox.recording.directory}), size in
 * bytes, duration and creation date in milliseconds, and Ant Media's {@code type}
 * ({@code streamVod}, a stream's recording).
 */
@JsonbPropertyOrder({"vodId", "streamId", "streamName", "vodName", "filePath", "fileSize", "duration", "creationDate", "type"})
public record Vod(String vodId, String streamId, String streamName, String vodName, String filePath, long fileSize, long duration,
        long creationDate, String type) implements Serializable {
    static final String STREAM_VOD = "streamVod";
}
