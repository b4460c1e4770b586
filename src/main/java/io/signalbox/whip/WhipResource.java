package io.signalbox.whip;

import io.signalbox.error.AsyncAnswer;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.error.SignalingExceptionMapper;
import io.signalbox.ice.IceServers;
import io.signalbox.security.Action;
import io.signalbox.security.TokenVerifier;
import io.signalbox.security.UpgradeToken;
import io.signalbox.session.SessionId;
import io.signalbox.stream.StreamId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * WHIP (RFC 9725) at {@code /whip}: {@code POST /whip/{streamId}} with an SDP offer makes a
 * session, answered {@code 201} with the media server's answer, the session's resource
 * ({@code Location}), its {@code ETag} and the ICE servers as {@code Link}s; {@code PATCH} on the
 * resource trickles candidates or restarts ICE, {@code DELETE} ends it. A publish token, where
 * publishing needs one, comes as {@code Authorization: Bearer}. Errors answer in the catalogue's
 * words; no body ever echoes the SDP or the token. The media server is waited for off the
 * request's thread.
 */
@Path("")
@RequestScoped
public class WhipResource {
    static final String SDP = "application/sdp";
    static final String FRAGMENT = "application/trickle-ice-sdpfrag";
    /** An offer or fragment larger than this is refused (message_too_large, 413); browsers' offers are a few kB. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    WhipService whip;

    @Inject
    TokenVerifier tokens;

    @Context
    UriInfo uri;

    @POST
    @Path("{streamId}")
    public void publish(@PathParam("streamId") String streamId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String offer, @Suspended AsyncResponse response) {
        StreamId stream = new StreamId(streamId);
        requireBody(type, SDP, offer);
        if (refused(stream, authorization, response)) {
            return;
        }
        String base = uri.getBaseUri().getRawPath();
        AsyncAnswer.resume(response, whip.publish(stream, offer), created -> {
            Response.ResponseBuilder made = Response.status(Response.Status.CREATED)
                    .header(HttpHeaders.LOCATION, base + stream.value() + "/" + created.session().value())
                    .header(HttpHeaders.ETAG, created.etag())
                    .header("Accept-Patch", FRAGMENT)
                    .header(HttpHeaders.CONTENT_TYPE, SDP)
                    .entity(created.answer());
            created.iceServers().forEach(server -> made.header("Link", link(server)));
            return made.build();
        });
    }

    @PATCH
    @Path("{streamId}/{session}")
    public void patch(@PathParam("streamId") String streamId, @PathParam("session") String session,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String fragment, @Suspended AsyncResponse response) {
        StreamId stream = new StreamId(streamId);
        requireBody(type, FRAGMENT, fragment);
        if (refused(stream, authorization, response)) {
            return;
        }
        AsyncAnswer.resume(response, whip.patch(stream, new SessionId(session), ifMatch, fragment), patched -> patched.fragment() == null
                ? Response.noContent().header(HttpHeaders.ETAG, patched.etag()).build()
                : Response.ok(patched.fragment()).header(HttpHeaders.CONTENT_TYPE, FRAGMENT)
                        .header(HttpHeaders.ETAG, patched.etag()).build());
    }

    @DELETE
    @Path("{streamId}/{session}")
    public void delete(@PathParam("streamId") String streamId, @PathParam("session") String session,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Suspended AsyncResponse response) {
        StreamId stream = new StreamId(streamId);
        if (refused(stream, authorization, response)) {
            return;
        }
        AsyncAnswer.resume(response, whip.delete(stream, new SessionId(session)), done -> Response.ok().build());
    }

    /** The CORS preflight of a browser's POST ({@link WhipCors} adds the origin). */
    @OPTIONS
    @Path("{streamId}")
    public Response preflightPost(@PathParam("streamId") String streamId) {
        return preflight("POST, OPTIONS").header("Accept-Post", SDP).build();
    }

    /** The CORS preflight of a browser's PATCH or DELETE. */
    @OPTIONS
    @Path("{streamId}/{session}")
    public Response preflightSession(@PathParam("streamId") String streamId, @PathParam("session") String session) {
        return preflight("PATCH, DELETE, OPTIONS").header("Accept-Patch", FRAGMENT).build();
    }

    private static Response.ResponseBuilder preflight(String methods) {
        return Response.noContent().header("Access-Control-Allow-Methods", methods)
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match")
                .header("Access-Control-Max-Age", "600");
    }

    /**
     * Whether the request's token does not let it publish {@code stream}, and so {@code response}
     * was resumed: 401 (with {@code WWW-Authenticate: Bearer}) or 403.
     */
    private boolean refused(StreamId stream, String authorization, AsyncResponse response) {
        Response refusal = switch (tokens.judge(Action.PUBLISH, stream, UpgradeToken.bearer(authorization))) {
            case ALLOWED -> null;
            case UNAUTHENTICATED -> Response.fromResponse(SignalingExceptionMapper.response(
                    ErrorDefinition.UNAUTHORIZED_ACCESS, Response.Status.UNAUTHORIZED))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            case FORBIDDEN -> SignalingExceptionMapper.response(ErrorDefinition.UNAUTHORIZED_ACCESS, Response.Status.FORBIDDEN);
        };
        if (refusal != null) {
            response.resume(refusal);
        }
        return refusal != null;
    }

    /** unsupported_content_type unless {@code type} is {@code wanted} (parameters aside); message_too_large past the limit. */
    private static void requireBody(String type, String wanted, String body) {
        String bare = type == null ? "" : type.split(";", 2)[0].trim();
        if (!bare.equalsIgnoreCase(wanted)) {
            throw new SignalingException(ErrorDefinition.UNSUPPORTED_CONTENT_TYPE, "WHIP got " + bare + ", wants " + wanted);
        }
        if (body == null || body.isBlank()) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "an empty " + wanted);
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new SignalingException(ErrorDefinition.MESSAGE_TOO_LARGE, "a " + wanted + " over " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** One ICE server as RFC 9725's {@code Link} header, TURN credentials in its attributes. */
    static String link(IceServers.IceServer server) {
        StringBuilder link = new StringBuilder("<").append(server.urls()).append(">; rel=\"ice-server\"");
        if (server.username() != null) {
            link.append("; username=\"").append(quoted(server.username())).append('"')
                    .append("; credential=\"").append(quoted(server.credential())).append('"')
                    .append("; credential-type=\"password\"");
        }
        return link.toString();
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
