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

    /** Stops the deployment at start, naming the key, when the timeout is not positive. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (convertTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("signalbox.recording.convert-timeout-seconds must be positive, not " + convertTimeoutSeconds);
        }
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
