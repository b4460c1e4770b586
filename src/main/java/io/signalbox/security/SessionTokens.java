package io.signalbox.security;

import io.signalbox.session.SessionId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The token each session presented when it connected, which covers its claims for the whole session. */
@ApplicationScoped
public class SessionTokens {
    private final Map<SessionId, String> tokens = new ConcurrentHashMap<>();

    public void connected(SessionId session, String token) {
        if (token != null && !token.isEmpty()) {
            tokens.put(session, token);
        }
    }

    public void closed(SessionId session) {
        tokens.remove(session);
    }

    public Optional<String> of(SessionId session) {
        return Optional.ofNullable(tokens.get(session));
    }

    public int size() {
        return tokens.size();
    }
}
