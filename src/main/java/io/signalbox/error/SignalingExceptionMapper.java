package io.signalbox.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Answers a REST call that failed with a {@link SignalingException} in the catalogue's words:
 * 404 when the thing asked for does not exist, 409 when it exists already, 400 otherwise, and the body
 * {@code {"definition","message"}}.
 */
@Provider
public class SignalingExceptionMapper implements ExceptionMapper<SignalingException> {
    private static final Set<ErrorDefinition> NOT_FOUND = Set.of(ErrorDefinition.NO_STREAM_EXIST);

    /** The body of a failed REST call. */
    public record Body(String definition, String message) {
    }

    @Override
    public Response toResponse(SignalingException e) {
        ErrorDefinition d = e.definition();
        Response.Status status = NOT_FOUND.contains(d) ? Response.Status.NOT_FOUND
                : d == ErrorDefinition.ALREADY_REGISTERED ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Body(d.wireName(), d.message())).build();
    }
}
