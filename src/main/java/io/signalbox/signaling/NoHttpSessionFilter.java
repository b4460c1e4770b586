package io.signalbox.signaling;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Keeps Liberty from making an HTTP session for every WebSocket upgrade. Its handshake asks the
 * request for {@code getSession()}, which creates one (and sends a {@code JSESSIONID} cookie) that
 * then lives on, unused, for the invalidation timeout: about 3% of a session's set-up, and the
 * session's later invalidation. Signalbox keeps nothing in HTTP sessions, so the handshake is
 * handed a request on which {@code getSession()} only finds a session the client already has.
 */
@WebFilter(urlPatterns = "/websocket")
public class NoHttpSessionFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession() {
                return getSession(false);
            }
        }, response);
    }
}
