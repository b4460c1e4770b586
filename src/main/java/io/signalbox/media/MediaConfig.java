package io.signalbox.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code signalbox.media.*}: which media plane publish and play use, and how to reach Janus. */
@ApplicationScoped
public class MediaConfig {

    /** {@code mesh}: browser to browser, nothing else to run; {@code janus}: through the Janus SFU. */
    @Inject
    @ConfigProperty(name = "signalbox.media.backend", defaultValue = "mesh")
    String backend;

    /** Janus's WebSocket API. */
    @Inject
    @ConfigProperty(name = "signalbox.media.janus.url", defaultValue = "ws://127.0.0.1:8188")
    String janusUrl;

    /** The API secret Janus was started with ({@code -a}); none when Janus has none. */
    @Inject
    @ConfigProperty(name = "signalbox.media.janus.api-secret")
    Optional<String> janusApiSecret;

    /** How long one request to Janus may take before it counts as unreachable. */
    @Inject
    @ConfigProperty(name = "signalbox.media.janus.request-timeout-seconds", defaultValue = "5")
    int requestTimeoutSeconds;

    /** The longest wait between two attempts to reach Janus again after losing it. */
    @Inject
    @ConfigProperty(name = "signalbox.media.janus.max-reconnect-seconds", defaultValue = "10")
    int maxReconnectSeconds;

    /** Stops the deployment at start, naming the key, when the backend is neither value. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!backend.equals("mesh") && !backend.equals("janus")) {
            throw new IllegalArgumentException("signalbox.media.backend must be mesh or janus, not " + backend);
        }
        if (sfu()) {
            URI.create(janusUrl);
        }
    }

    /** Whether publish and play go through Janus. */
    public boolean sfu() {
        return backend.equals("janus");
    }

    public String backend() {
        return backend;
    }

    public URI janusUrl() {
        return URI.create(janusUrl);
    }

    /** The port of each Janus's Admin API WebSocket ({@code admin_ws_port}), on the host of its API. */
    @Inject
    @ConfigProperty(name = "signalbox.media.janus.admin-port", defaultValue = "7188")
    int janusAdminPort;

    /** The Admin API's secret ({@code admin_secret} in janus.jcfg); without it Signalbox does not use the Admin API. */
    @Inject
    @ConfigProperty(name = "signalbox.media.janus.admin-secret")
    Optional<String> janusAdminSecret;

    public int janusAdminPort() {
        return janusAdminPort;
    }

    public Optional<String> janusAdminSecret() {
        return janusAdminSecret.filter(s -> !s.isBlank());
    }

    public Optional<String> janusApiSecret() {
        return janusApiSecret.filter(s -> !s.isBlank());
    }

    public long requestTimeoutMillis() {
        return requestTimeoutSeconds * 1000L;
    }

    public long maxReconnectMillis() {
        return maxReconnectSeconds * 1000L;
    }
}
