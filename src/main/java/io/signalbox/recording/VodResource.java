package io.signalbox.recording;

import io.signalbox.stream.BroadcastResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Ant Media's VoD calls under {@code /rest/v2/vods}: the recordings kept. */
@RolesAllowed("admin")
@Path("v2/vods")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class VodResource {

    @Inject
    VodRegistry vods;

    @Inject
    RecordingConfig config;

    @GET
    @Path("list/{offset}/{size}")
    public List<Vod> list(@PathParam("offset") int offset, @PathParam("size") int size) {
        return vods.list(offset, size);
    }

    @GET
    @Path("count")
    public BroadcastResource.SimpleStat count() {
        return new BroadcastResource.SimpleStat(vods.count());
    }

    @GET
    @Path("{vodId}")
    public Vod get(@PathParam("vodId") String vodId) {
        return vods.require(vodId);
    }

    /** Forgets a VoD and deletes its file. */
    @DELETE
    @Path("{vodId}")
    public BroadcastResource.Result delete(@PathParam("vodId") String vodId) {
        Vod vod = vods.require(vodId);
        java.nio.file.Path file = java.nio.file.Path.of(vod.filePath()).normalize();
        if (!file.startsWith(config.directory())) {
            throw new IllegalStateException("VoD " + vodId + " names a file outside the recording folder");
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        vods.remove(vodId);
        return new BroadcastResource.Result(true, "deleted", vodId);
    }
}
