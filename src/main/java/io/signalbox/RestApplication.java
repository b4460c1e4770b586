package io.signalbox;

import io.signalbox.conference.ConferenceRoomResource;
import io.signalbox.error.ErrorCatalogueResource;
import io.signalbox.error.SignalingExceptionMapper;
import io.signalbox.ice.IceServersResource;
import io.signalbox.recording.RecordingResource;
import io.signalbox.recording.VodResource;
import io.signalbox.room.RoomResource;
import io.signalbox.security.AdminApiFilter;
import io.signalbox.signaling.ClientStatsResource;
import io.signalbox.signaling.DrainResource;
import io.signalbox.stream.BroadcastResource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Mounts the admin REST API under {@code /rest}; resources marked {@code @RolesAllowed} need an
 * MP JWT bearer token. {@link io.signalbox.security.AdminApiFilter} enforces that on every
 * server. {@code @LoginConfig} also switches on the server's own MP-JWT mechanism where the
 * server has one active (Payara does; Liberty runs without its {@code mpJwt} feature), which
 * verifies the same token with the same {@code mp.jwt.verify.*} keys.
 */
@ApplicationScoped
@ApplicationPath("rest")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("admin")
public class RestApplication extends Application {

    /** Listed, as the WAR holds a second application ({@link WhipApplication}) that must not serve these. */
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BroadcastResource.class, RecordingResource.class, VodResource.class, ClientStatsResource.class, ConferenceRoomResource.class, RoomResource.class, IceServersResource.class, DrainResource.class,
                ErrorCatalogueResource.class, SignalingExceptionMapper.class, AdminApiFilter.class);
    }
}
