package io.signalbox.recording;

import io.signalbox.error.AsyncAnswer;
import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.stream.BroadcastResource;
import io.signalbox.stream.StreamId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;

/**
 * Ant Media's recording call, {@code PUT /rest/v2/broadcasts/{id}/recording/{true|false}}: it
 * answers once the publisher's node has asked Janus, off the request thread.
 */
@RolesAllowed("admin")
@Path("v2/broadcasts/{streamId}/recording")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecordingResource {

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
        AsyncAnswer.resume(response, recordings.set(stream, type, "true".equals(status)),
                outcome -> new BroadcastResource.Result(true, outcome.message(), outcome.vodId()));
    }
}
