package io.signalbox.hooks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One hook, as Ant Media sends it ({@code AntMediaApplicationAdapter.notifyHook}): a form-encoded
 * body with {@code id} (the stream) and {@code action}, then, when known, {@code streamName},
 * {@code category}, {@code vodName}, {@code vodId}, {@code mainTrackId} and {@code roomId},
 * {@code subscriberId}, {@code metadata}, and {@code timestamp} (milliseconds); {@code eventId}
 * names the event across its retries.
 */
record Hook(String eventId, Map<String, String> fields) {

    Hook {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A hook of {@code action} about stream {@code id}, stamped now; empty {@code more} values are left out. */
    static Hook of(String action, String id, Map<String, String> more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("action", action);
        more.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                fields.put(name, value);
            }
        });
        fields.put("timestamp", String.valueOf(System.currentTimeMillis()));
        return new Hook(UUID.randomUUID().toString(), fields);
    }

    String action() {
        return fields.get("action");
    }

    /** The body: {@code application/x-www-form-urlencoded}, UTF-8. */
    String form() {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
