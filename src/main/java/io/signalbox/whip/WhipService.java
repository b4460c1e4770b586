package io.signalbox.whip;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.ice.IceServers;
import io.signalbox.json.StrictJson;
import io.signalbox.media.Leg;
import io.signalbox.media.MediaConfig;
import io.signalbox.session.SessionId;
import io.signalbox.signaling.Drain;
import io.signalbox.signaling.SessionCalls;
import io.signalbox.signaling.SessionDirectory;
import io.signalbox.signaling.StreamCommands;
import io.signalbox.stream.Broadcast;
import io.signalbox.stream.StreamDetails;
import io.signalbox.stream.StreamId;
import io.signalbox.stream.StreamMedia;
import io.signalbox.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WHIP ingest (RFC 9725): a publisher with no WebSocket, whose session is its HTTP resource. The
 * session lives on the node that took its POST, with a lane like a socket's, and publishes its
 * stream as any publisher does, through the media server; a PATCH (trickle, ICE restart) or DELETE
 * that another node takes is run there ({@link SessionCalls}). It ends as a closed socket does, on
 * DELETE, or for what {@link WhipEndings} watches for.
 */
@ApplicationScoped
public class WhipService {
    private static final System.Logger LOG = System.getLogger(WhipService.class.getName());
    /** How a WHIP session's id starts: {@code [node.]whip-<uuid>}. */
    static final String KIND = "whip";
    private static final String PATCH = "whip.patch";
    private static final String DELETE = "whip.delete";

    /** A session made: the media server's answer, the session's ETag, and the ICE servers its client may use. */
    public record Created(SessionId session, String answer, String etag, List<IceServers.IceServer> iceServers) {
    }

    /** A PATCH done: the session's ETag now, and, for an ICE restart, the server's fragment (else null: 204). */
    public record Patched(String etag, String fragment) {
    }

    /** What a PATCH asks of the session's node. */
    public record PatchRequest(String ifMatch, String fragment) {
    }

    @Inject
    StreamService streams;

    @Inject
    StreamMedia media;

    @Inject
    StreamCommands streamCommands;

    @Inject
    SessionDirectory directory;

    @Inject
    SessionCalls calls;

    @Inject
    Drain drain;

    @Inject
    IceServers iceServers;

    @Inject
    WhipEndings endings;

    @Inject
    MediaConfig mediaConfig;

    private final Map<SessionId, WhipSession> sessions = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        calls.on(PATCH, this::patchHere);
        calls.on(DELETE, (session, nothing) -> {
            deleteHere(session);
            return "";
        });
    }

    /**
     * Publishes {@code stream} with the client's {@code offer} through the media server, as a new
     * session of this node: node_draining on a draining node, media_server_required under mesh,
     * else what a publish answers (streamIdInUse, not_allowed_unregistered_streams,
     * media_server_unavailable, …).
     */
    public CompletableFuture<Created> publish(StreamId stream, String offer) {
        if (drain.draining()) {
            throw new SignalingException(ErrorDefinition.NODE_DRAINING, "WHIP publish of " + stream + " on a draining node");
        }
        if (!streams.forwardsMedia()) {
            throw new SignalingException(ErrorDefinition.MEDIA_SERVER_REQUIRED, "WHIP publish of " + stream + " under mesh");
        }
        SessionId session = directory.registerSocketless(KIND);
        CompletableFuture<Created> created = calls.here(session, () -> {
            try {
                return publishHere(session, stream, offer);
            } catch (RuntimeException e) {
                end(session, "its POST failed: " + e.getMessage());
                throw e;
            }
        }, callTimeout());
        created.whenComplete((made, failure) -> {
            if (failure != null) {
                // The client was told no, also when the answer came too late: what was made goes after it, in order.
                directory.inLane(session, () -> end(session, "its POST failed: " + failure.getMessage()));
            }
        });
        return created;
    }

    private Created publishHere(SessionId session, StreamId stream, String offer) {
        StreamDetails details = new StreamDetails(stream.value(), "", offer.contains("m=video"), offer.contains("m=audio"),
                System.currentTimeMillis());
        streams.publish(session, stream, Optional.empty(), details);
        WhipSession made = new WhipSession(stream, offer);
        sessions.put(session, made);
        String answer = media.offer(session, leg(session, stream), offer);
        endings.connecting(session, made);
        LOG.log(Level.INFO, "WHIP session {0} publishes {1}", session, stream);
        return new Created(session, answer, made.etag, iceServers.forUser(session.value()));
    }

    /**
     * Applies a PATCH to {@code session} of {@code stream}, on the session's node: a trickle
     * fragment goes to the media server; one with new credentials restarts ICE and returns the
     * server's. no_stream_exist when the session is not live, etag_mismatch when {@code ifMatch}
     * (other than {@code *}) is not its ETag.
     */
    public CompletableFuture<Patched> patch(StreamId stream, SessionId session, String ifMatch, String fragment) {
        requireLive(stream, session);
        String request = StrictJson.JSONB.toJson(new PatchRequest(ifMatch, fragment));
        return calls.call(session, PATCH, request, callTimeout())
                .thenApply(result -> StrictJson.JSONB.fromJson(result, Patched.class));
    }

    private String patchHere(SessionId id, String argument) {
        PatchRequest request = StrictJson.JSONB.fromJson(argument, PatchRequest.class);
        WhipSession session = local(id);
        String ifMatch = request.ifMatch() == null ? null : request.ifMatch().trim();
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(session.etag)) {
            throw new SignalingException(ErrorDefinition.ETAG_MISMATCH, id + " has ETag " + session.etag + ", not " + ifMatch);
        }
        SdpFragment fragment = SdpFragment.parse(request.fragment());
        String answer = null;
        if (fragment.restarts(session.ufrag)) {
            String offer = fragment.restartOffer(session.offer);
            answer = SdpFragment.answerFragment(media.reoffer(id, session.stream, offer));
            session.offer = offer;
            session.ufrag = fragment.ufrag().orElseThrow();
            session.etag = WhipSession.newEtag();
            LOG.log(Level.INFO, "WHIP session {0} restarted ICE", id);
        }
        Leg leg = leg(id, session.stream);
        for (SdpFragment.Candidate candidate : fragment.candidates()) {
            String mid = candidate.mid();
            media.candidate(id, leg, mid, mid == null ? null : SdpFragment.mLineIndexOf(session.offer, mid).orElse(null),
                    candidate.candidate());
        }
        if (fragment.complete()) {
            media.candidate(id, leg, null, null, null);
        }
        return StrictJson.JSONB.toJson(new Patched(session.etag, answer));
    }

    /** Ends {@code session} of {@code stream}, on its node, as its publisher's closed socket would: no_stream_exist when it is not live. */
    public CompletableFuture<Void> delete(StreamId stream, SessionId session) {
        requireLive(stream, session);
        return calls.call(session, DELETE, "", callTimeout()).thenApply(done -> null);
    }

    private void deleteHere(SessionId id) {
        local(id);
        end(id, "DELETE");
    }

    /** How many WHIP sessions this node holds. */
    public int size() {
        return sessions.size();
    }

    /** This node's WHIP session {@code id}, while it lasts. */
    WhipSession session(SessionId id) {
        return sessions.get(id);
    }

    /** This node's WHIP sessions now. */
    Map<SessionId, WhipSession> sessions() {
        return Map.copyOf(sessions);
    }

    /** Ends a session of this node, whatever it still holds; on its lane. Nothing happens the second time. */
    void end(SessionId id, String why) {
        WhipSession session = sessions.remove(id);
        if (session != null) {
            LOG.log(Level.INFO, "WHIP session {0} of {1} ends: {2}", id, session.stream, why);
            session.cancelTimers();
        }
        try {
            streamCommands.release(id);
        } finally {
            directory.unregister(id);
        }
    }

    private WhipSession local(SessionId id) {
        WhipSession session = sessions.get(id);
        if (session == null || !publishes(id, session.stream)) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, "no WHIP session " + id + " here");
        }
        return session;
    }

    /** Checks on any node that {@code session} is a WHIP session that publishes {@code stream} now. */
    private void requireLive(StreamId stream, SessionId session) {
        boolean whip = session.value().startsWith(KIND + "-") || session.value().contains("." + KIND + "-");
        if (!whip || !publishes(session, stream)) {
            throw new SignalingException(ErrorDefinition.NO_STREAM_EXIST, "no WHIP session " + session + " of " + stream);
        }
    }

    boolean publishes(SessionId session, StreamId stream) {
        return streams.broadcast(stream).map(Broadcast::publisher).filter(session::equals).isPresent();
    }

    private Leg leg(SessionId session, StreamId stream) {
        return media.carried(session, stream).orElseThrow(() -> new SignalingException(ErrorDefinition.NO_STREAM_EXIST,
                session + " has no media on " + stream));
    }

    /** How long a caller waits for a session's node: a publish asks the media server three times. */
    private Duration callTimeout() {
        return Duration.ofMillis(3 * mediaConfig.requestTimeoutMillis() + 2_000);
    }
}
