package io.signalbox;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the admin REST API under {@code /rest}. */
@ApplicationPath("rest")
public class RestApplication extends Application {
}
