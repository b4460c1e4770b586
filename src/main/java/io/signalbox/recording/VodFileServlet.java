package io.signalbox.recording;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingExceptionMapper;
import io.signalbox.json.StrictJson;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import io.signalbox.security.UpgradeToken;
import io.signalbox.stream.StreamId;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recording's file at {@code /streams/{vodName}}, Ant Media's path, with HTTP range requests
 * (one range: {@code 206} with {@code Content-Range}; {@code 416} past the end), so a
 * {@code <video>} can seek. Only the file of a kept VoD is served, looked up by its name, so no
 * request names a path of its own. Unless {@code signalbox.recording.public}, a request needs a
 * play token for the VoD's stream ({@code Authorization: Bearer} or {@code ?token=}, as a
 * {@code <video>} sends no header): 401 without a good one, 403 for another stream.
 */
@WebServlet(urlPatterns = "/streams/*")
public class VodFileServlet extends HttpServlet {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    @Inject
    VodRegistry vods;

    @Inject
    RecordingConfig config;

    @Inject
    TokenVerifier tokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        Optional<Vod> found = vods.byName(name);
        Path file = found.map(vod -> Path.of(vod.filePath()).normalize()).orElse(null);
        if (found.isEmpty() || !file.startsWith(config.directory()) || !Files.isRegularFile(file)) {
            refuse(response, ErrorDefinition.NO_VOD_EXIST);
            return;
        }
        if (!config.publicFiles()) {
            Optional<String> token = UpgradeToken.bearer(request.getHeader("Authorization"))
                    .or(() -> Optional.ofNullable(request.getParameter("token")).filter(t -> !t.isEmpty()));
            switch (tokens.judgeNeeded(Action.PLAY, new StreamId(found.get().streamId()), token)) {
                case UNAUTHENTICATED -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    refuse(response, ErrorDefinition.UNAUTHORIZED_ACCESS, HttpServletResponse.SC_UNAUTHORIZED);
                    return;
                }
                case FORBIDDEN -> {
                    refuse(response, ErrorDefinition.UNAUTHORIZED_ACCESS, HttpServletResponse.SC_FORBIDDEN);
                    return;
                }
                case ALLOWED -> {
                    // served below
                }
            }
        }
        long size = Files.size(file);
        long start = 0;
        long end = size - 1;
        String range = request.getHeader("Range");
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(name.endsWith(".mp4") ? "video/mp4" : "video/webm");
        response.setHeader("Cache-Control", "private, no-store");
        if (range != null) {
            Matcher matcher = RANGE.matcher(range.trim());
            if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
                response.setHeader("Content-Range", "bytes */" + size);
                response.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                return;
            }
            if (matcher.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(matcher.group(2))); // the last n bytes
            } else {
                start = Long.parseLong(matcher.group(1));
                end = matcher.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(matcher.group(2)));
            }
            if (start >= size || start > end) {
                response.setHeader("Content-Range", "bytes */" + size);
                response.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                return;
            }
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        response.setContentLengthLong(length);
        if (!body) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file); InputStream in = Channels.newInputStream(channel.position(start));
                OutputStream out = response.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
    }

    private static void refuse(HttpServletResponse response, ErrorDefinition definition) throws IOException {
        refuse(response, definition, SignalingExceptionMapper.status(definition).getStatusCode());
    }

    private static void refuse(HttpServletResponse response, ErrorDefinition definition, int status) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(StrictJson.JSONB.toJson(new SignalingExceptionMapper.Body(definition.wireName(), definition.message())));
    }
}
