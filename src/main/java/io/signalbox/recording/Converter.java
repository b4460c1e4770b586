package io.signalbox.recording;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns a recording's track files, as Janus wrote them ({@code <base>-audio-<i>.mjr},
 * {@code <base>-video-<i>.mjr}), into one file: each track with Debian's {@code janus-pp-rec}
 * (no transcoding: VP8 into WebM, Opus into an Ogg Opus file), then both into one file with
 * {@code ffmpeg}: a WebM as they are ({@code -c copy}), or an MP4 (H.264 with libx264 and AAC, as
 * every MP4 player takes them: the room's VP8 and Opus are transcoded); {@code ffprobe} reads its
 * duration. The track files and the intermediate ones are deleted once the file is made; on a
 * failure they are kept, for a person to look at. Every command runs with what is left of one
 * time limit.
 */
final class Converter {
    private static final System.Logger LOG = System.getLogger(Converter.class.getName());

    /** The file made, and its duration in milliseconds. */
    record Made(Path file, long durationMillis) {
    }

    private final RecordingConfig config;

    Converter(RecordingConfig config) {
        this.config = config;
    }

    /** Makes {@code <base>.<type>} ({@code webm} or {@code mp4}) from the tracks of {@code base}. */
    Made convert(Path base, String type) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + config.convertTimeout().toNanos();
        List<Path> tracks = tracks(base);
        if (tracks.isEmpty()) {
            throw new IOException("no track of " + base.getFileName() + " was written (did media flow while it recorded?)");
        }
        List<Path> made = new ArrayList<>();
        Path video = null;
        Path audio = null;
        for (Path track : tracks) {
            String name = track.getFileName().toString();
            if (!name.contains("-video-") && !name.contains("-audio-")) {
                continue; // a data channel's messages (-data-): not media, deleted with the rest
            }
            boolean isVideo = name.contains("-video-");
            Path out = Path.of(track.toString().replaceFirst("\\.mjr$", isVideo ? ".video.webm" : ".audio.opus"));
            run(deadline, base, config.janusPpRec(), track.toString(), out.toString());
            made.add(out);
            if (isVideo && video == null) {
                video = out;
            } else if (!isVideo && audio == null) {
                audio = out;
            }
        }
        Path file = Path.of(base + "." + type);
        List<String> mux = new ArrayList<>(List.of(config.ffmpeg(), "-nostdin", "-y", "-loglevel", "error"));
        for (Path input : Stream.of(video, audio).filter(p -> p != null).toList()) {
            mux.addAll(List.of("-i", input.toString()));
        }
        if ("mp4".equals(type)) {
            mux.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
                    "-movflags", "+faststart"));
        } else {
            mux.addAll(List.of("-c", "copy"));
        }
        mux.add(file.toString());
        run(deadline, base, mux.toArray(String[]::new));
        // ffprobe's standard output is the number alone; what it says of damaged frames (a recording
        // starts before the next key frame) goes to its standard error.
        String duration = run(deadline, base, config.ffprobe(), "-v", "error", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString()).trim();
        long millis;
        try {
            millis = Math.round(Double.parseDouble(duration) * 1000);
        } catch (NumberFormatException e) {
            throw new IOException("ffprobe gave no duration for " + file.getFileName() + ": " + tail(duration));
        }
        for (Path done : Stream.concat(tracks.stream(), made.stream()).toList()) {
            Files.deleteIfExists(done);
        }
        return new Made(file, millis);
    }

    /** The track files of {@code base}, in name order. */
    static List<Path> tracks(Path base) throws IOException {
        String prefix = base.getFileName() + "-";
        try (Stream<Path> files = Files.list(base.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".mjr"))
                    .sorted().toList();
        }
    }

    /**
     * Runs {@code command} until {@code deadline}; returns its standard output, or fails with the
     * end of its standard error.
     */
    private static String run(long deadline, Path base, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(base.getParent(), base.getFileName() + ".", ".out");
        Path errors = Files.createTempFile(base.getParent(), base.getFileName() + ".", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            long left = Math.max(0, deadline - System.nanoTime());
            if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                throw new IOException(command[0] + " did not finish within the conversion's time limit");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command[0] + " failed (" + process.exitValue() + "): " + tail(text(errors)));
            }
            LOG.log(Level.DEBUG, "{0}: {1}", command[0], tail(text(errors)));
            return text(output);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /** A command's output as text, whatever bytes it wrote. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String tail(String text) {
        return text.length() <= 600 ? text : "..." + text.substring(text.length() - 600);
    }
}
