package io.signalbox.recording;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.stream.StreamId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionException;

/**
 * Ant Media's recording call, {@code PUT /rest/v2/broadcasts/{id}/recording/{true|false}}: it
 * answers once the publisher's node has asked Janus, off the request thread.
 */
@RolesAllowed("admin")
@Path("v2/broadcasts/{streamId}/recording")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecordingResource {

    /** Ant Media's {@code Result}: {@code dataId} is the VoD's id the recording becomes. */
    @JsonbPropertyOrder({"success", "message", "dataId"})
    public record Result(boolean success, String message, String dataId) {
    }

    @Inject
    RecordingService recordings;

    /** Starts ({@code true}) or stops ({@code false}) recording a live stream; {@code recordType} {@code webm} or {@code mp4} (as at Ant Media, the default). */
    @PUT
    @Path("{status}")
    public void record(@PathParam("streamId") String streamId, @PathParam("status") String status,
            @QueryParam("recordType") String recordType, @Suspended AsyncResponse response) {
        StreamId stream = new StreamId(streamId);
        if (!"true".equals(status) && !"false".equals(status)) {
            throw new SignalingException(ErrorDefinition.INVALID_MESSAGE, "the recording status is true or false, not " + status);
        }
        String type = recordType == null || recordType.isEmpty() ? RecordingService.MP4 : recordType;
        recordings.set(stream, type, "true".equals(status)).whenComplete((outcome, failure) -> {
            if (failure != null) {
                response.resume(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            } else {
                response.resume(new Result(true, outcome.message(), outcome.vodId()));
            }
        });
    }
}
