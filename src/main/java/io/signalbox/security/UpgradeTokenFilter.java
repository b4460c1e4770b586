package io.signalbox.security;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.error.SignalingExceptionMapper;
import io.signalbox.json.StrictJson;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Refuses a WebSocket upgrade whose token is bad (malformed, expired, badly signed, wrong issuer)
 * with HTTP 401 and the {@code unauthorized_access} payload, before any session exists; a
 * request without a token goes on, as its messages may carry tokens of their own. Nothing is
 * checked while no verification key is configured (no action can need a token then).
 */
@WebFilter(urlPatterns = "/websocket")
public class UpgradeTokenFilter extends HttpFilter {
    private static final System.Logger LOG = System.getLogger(UpgradeTokenFilter.class.getName());

    @Inject
    SecurityConfig config;

    @Inject
    TokenVerifier tokens;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> token = config.publicKey().or(config::publicKeyLocation).isEmpty() ? Optional.empty()
                : UpgradeToken.find(headers(request), query(request), config.tokenCookie());
        if (token.isPresent()) {
            try {
                tokens.verify(token.get());
            } catch (SignalingException e) {
                LOG.log(Level.DEBUG, "upgrade refused: {0}", e.getMessage());
                ErrorDefinition d = ErrorDefinition.UNAUTHORIZED_ACCESS;
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                response.setContentType("application/json");
                response.getOutputStream().write(StrictJson.JSONB.toJson(new SignalingExceptionMapper.Body(d.wireName(), d.message()))
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        return Collections.list(request.getHeaderNames()).stream().collect(Collectors.toMap(
                name -> name, name -> Collections.list(request.getHeaders(name)), (a, b) -> a));
    }

    private static Map<String, List<String>> query(HttpServletRequest request) {
        return request.getParameterMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }
}
