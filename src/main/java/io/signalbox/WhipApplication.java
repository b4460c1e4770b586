package io.signalbox;

import io.signalbox.error.SignalingExceptionMapper;
import io.signalbox.whip.WhipCors;
import io.signalbox.whip.WhipResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Mounts WHIP ingest at {@code /whip}, beside the WebSocket, as Ant Media has it at
 * {@code /{app}/whip}: its own resource, the catalogue's error answers, and CORS for browser
 * clients. Its tokens are publish tokens, checked by the resource, not the admin API's.
 */
@ApplicationScoped
@ApplicationPath("whip")
public class WhipApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(WhipResource.class, WhipCors.class, SignalingExceptionMapper.class);
    }
}
