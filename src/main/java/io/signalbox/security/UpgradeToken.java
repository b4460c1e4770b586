package io.signalbox.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the token on a WebSocket upgrade request. In order: an {@code Authorization: Bearer}
 * header (servers and native clients), the cookie named by {@code mp.jwt.token.cookie} (browsers,
 * which cannot set headers on a WebSocket), then the {@code token} query parameter.
 */
public final class UpgradeToken {
    /** The key under which the handshake hands the token to the session's user properties. */
    public static final String PROPERTY = "io.signalbox.upgradeToken";

    private static final String BEARER = "bearer ";

    private UpgradeToken() {
    }

    public static Optional<String> find(Map<String, List<String>> headers, Map<String, List<String>> query,
            String cookieName) {
        return fromAuthorization(header(headers, "authorization"))
                .or(() -> fromCookies(header(headers, "cookie"), cookieName))
                .or(() -> query.getOrDefault("token", List.of()).stream().filter(t -> !t.isEmpty()).findFirst());
    }

    private static List<String> header(Map<String, List<String>> headers, String name) {
        // Header names are case-insensitive, and containers differ in how they key the map.
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static Optional<String> fromAuthorization(List<String> values) {
        return values.stream().map(UpgradeToken::bearer).flatMap(Optional::stream).findFirst();
    }

    /** The token of an {@code Authorization: Bearer} header value; empty for another scheme or no token. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String v = authorization.trim();
        if (v.length() <= BEARER.length() || !v.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        return Optional.of(v.substring(BEARER.length()).trim()).filter(t -> !t.isEmpty());
    }

    private static Optional<String> fromCookies(List<String> values, String cookieName) {
        return values.stream().flatMap(v -> List.of(v.split(";")).stream()).map(String::trim)
                .filter(c -> c.startsWith(cookieName + "="))
                .map(c -> c.substring(cookieName.length() + 1).trim()).filter(t -> !t.isEmpty()).findFirst();
    }
}
