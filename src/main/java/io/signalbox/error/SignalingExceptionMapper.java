package io.signalbox.error;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Answers a REST or WHIP call that failed with a {@link SignalingException} in the catalogue's
 * words, the body {@code {"definition","message"}}, with the status {@link #status} gives.
 */
@Provider
public class SignalingExceptionMapper implements ExceptionMapper<SignalingException> {
    private static final Map<ErrorDefinition, Response.Status> STATUS = Map.ofEntries(
            Map.entry(ErrorDefinition.NO_STREAM_EXIST, Response.Status.NOT_FOUND),
            Map.entry(ErrorDefinition.ALREADY_REGISTERED, Response.Status.CONFLICT),
            Map.entry(ErrorDefinition.STREAM_ID_IN_USE, Response.Status.CONFLICT),
            Map.entry(ErrorDefinition.NOT_ALLOWED_UNREGISTERED_STREAMS, Response.Status.FORBIDDEN),
            Map.entry(ErrorDefinition.UNSUPPORTED_CONTENT_TYPE, Response.Status.UNSUPPORTED_MEDIA_TYPE),
            Map.entry(ErrorDefinition.ETAG_MISMATCH, Response.Status.PRECONDITION_FAILED),
            Map.entry(ErrorDefinition.MESSAGE_TOO_LARGE, Response.Status.REQUEST_ENTITY_TOO_LARGE),
            Map.entry(ErrorDefinition.MEDIA_SERVER_REQUIRED, Response.Status.NOT_IMPLEMENTED),
            Map.entry(ErrorDefinition.MEDIA_SERVER_UNAVAILABLE, Response.Status.SERVICE_UNAVAILABLE),
            Map.entry(ErrorDefinition.NODE_DRAINING, Response.Status.SERVICE_UNAVAILABLE),
            Map.entry(ErrorDefinition.NO_VOD_EXIST, Response.Status.NOT_FOUND),
            Map.entry(ErrorDefinition.INSUFFICIENT_STORAGE, Response.Status.SERVICE_UNAVAILABLE),
            Map.entry(ErrorDefinition.ALREADY_RECORDING, Response.Status.CONFLICT),
            Map.entry(ErrorDefinition.NOT_RECORDING, Response.Status.CONFLICT));

    static final String REST_ERRORS = "signalbox.rest.errors";

    @Inject
    MetricRegistry registry;

    /** The body of a failed REST call. */
    public record Body(String definition, String message) {
    }

    @Override
    public Response toResponse(SignalingException e) {
        registry.counter(Metadata.builder().withName(REST_ERRORS)
                .withDescription("REST and WHIP calls answered with an error, by definition (the WebSocket's are signalbox.errors)").build(),
                new Tag("definition", e.definition().wireName())).inc();
        return response(e.definition(), status(e.definition()));
    }

    /**
     * The HTTP status of a definition: 404 for what does not exist, 409 for what exists already,
     * 403 for an unregistered stream where only registered ones are taken, 415, 412 and 413 for
     * WHIP's content type, precondition and size, 501 for what only the media server does,
     * 503 for what may work later (the media server, a draining node), 400 for the rest.
     */
    public static Response.Status status(ErrorDefinition definition) {
        return STATUS.getOrDefault(definition, Response.Status.BAD_REQUEST);
    }

    /** The answer naming {@code definition} with {@code status}. */
    public static Response response(ErrorDefinition definition, Response.Status status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Body(definition.wireName(), definition.message())).build();
    }
}
