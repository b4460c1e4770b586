package io.signalbox.encoding;

import io.signalbox.json.StrictJson;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code signalbox.encoder.*} MicroProfile Config keys. The ladder is parsed when the
 * application starts, so a malformed one stops the deployment with a message naming the key.
 */
@ApplicationScoped
public class EncodingConfig {
    private static final Type LADDER = new ArrayList<EncoderSetting>() { }.getClass().getGenericSuperclass();

    /** The server's ladder: a JSON array of {@code {"height","videoBitrate","audioBitrate"}}. */
    @Inject
    @ConfigProperty(name = "signalbox.encoder.settings", defaultValue = "[]")
    String settings;

    /** Whether {@code publish} needs a ladder. */
    @Inject
    @ConfigProperty(name = "signalbox.encoder.required", defaultValue = "false")
    boolean required;

    private List<EncoderSetting> ladder;

    @PostConstruct
    void parse() {
        ladder = parseLadder(settings);
    }

    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ladder();
    }

    public List<EncoderSetting> ladder() {
        return ladder;
    }

    public boolean required() {
        return required;
    }

    /** Parses a ladder, or fails with a message that names the key and what is wrong. */
    public static List<EncoderSetting> parseLadder(String json) {
        try {
            List<EncoderSetting> parsed = StrictJson.JSONB.fromJson(json, LADDER);
            if (parsed == null) {
                throw new IllegalArgumentException("it is null");
            }
            return List.copyOf(parsed);
        } catch (JsonbException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("signalbox.encoder.settings must be a JSON array of "
                    + "{\"height\":720,\"videoBitrate\":2000000,\"audioBitrate\":128000} objects: " + deepestMessage(e), e);
        }
    }

    /** JSON-B wraps the reason a setting was refused; the innermost message is the useful one. */
    private static String deepestMessage(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage();
    }
}
