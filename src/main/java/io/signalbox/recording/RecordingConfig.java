package io.signalbox.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code signalbox.recording.*}: where recordings go, and how their files are made. */
@ApplicationScoped
public class RecordingConfig {

    /**
     * The one folder Janus writes recordings into and Signalbox reads and keeps them in: the same
     * folder for both (on one machine, or a volume both mount).
     */
    @Inject
    @ConfigProperty(name = "signalbox.recording.directory", defaultValue = "recordings")
    String directory;

    /** How long turning one recording's tracks into its file may take; past it the conversion is given up. */
    @Inject
    @ConfigProperty(name = "signalbox.recording.convert-timeout-seconds", defaultValue = "600")
    int convertTimeoutSeconds;

    /** Debian's janus-tools command that turns a track's .mjr file into a media file. */
    @Inject
    @ConfigProperty(name = "signalbox.recording.janus-pp-rec", defaultValue = "janus-pp-rec")
    String janusPpRec;

    /** The ffmpeg command that puts a recording's audio and video into one file. */
    @Inject
    @ConfigProperty(name = "signalbox.recording.ffmpeg", defaultValue = "ffmpeg")
    String ffmpeg;

    /** The ffprobe command that measures a recording's duration. */
    @Inject
    @ConfigProperty(name = "signalbox.recording.ffprobe", defaultValue = "ffprobe")
    String ffprobe;

    /**
     * Whether anyone may fetch a recording's file; when not (the default), a request needs a play
     * token for the recording's stream, as a player of the stream does.
     */
    @Inject
    @ConfigProperty(name = "signalbox.recording.public", defaultValue = "false")
    boolean publicFiles;

    boolean publicFiles() {
        return publicFiles;
    }

    /**
     * What a stream records from its first frame when its registration does not say (Ant Media's
     * {@code mp4Enabled} and {@code webMEnabled} of 0): {@code none}, {@code mp4} or {@code webm}.
     */
    @Inject
    @ConfigProperty(name = "signalbox.recording.default", defaultValue = "none")
    String defaultType;

    /** The free space the folder keeps: below it no recording starts, and those under way are stopped and kept. */
    @Inject
    @ConfigProperty(name = "signalbox.recording.min-free-megabytes", defaultValue = "1024")
    long minFreeMegabytes;

    /** Stops the deployment at start, naming the key, when a setting is out of its range. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (convertTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("signalbox.recording.convert-timeout-seconds must be positive, not " + convertTimeoutSeconds);
        }
        if (!java.util.List.of("none", "mp4", "webm").contains(defaultType)) {
            throw new IllegalArgumentException("signalbox.recording.default is none, mp4 or webm, not " + defaultType);
        }
        if (minFreeMegabytes < 0) {
            throw new IllegalArgumentException("signalbox.recording.min-free-megabytes must not be negative, not " + minFreeMegabytes);
        }
    }

    /** The type a stream records from its first frame when its registration does not say; empty: none. */
    java.util.Optional<String> defaultType() {
        return "none".equals(defaultType) ? java.util.Optional.empty() : java.util.Optional.of(defaultType);
    }

    long minFreeBytes() {
        return minFreeMegabytes * 1024 * 1024;
    }

    /** The folder, absolute (a relative one is taken from the server's working directory). */
    public Path directory() {
        return Path.of(directory).toAbsolutePath().normalize();
    }

    Duration convertTimeout() {
        return Duration.ofSeconds(convertTimeoutSeconds);
    }

    String janusPpRec() {
        return janusPpRec;
    }

    String ffmpeg() {
        return ffmpeg;
    }

    String ffprobe() {
        return ffprobe;
    }
}
