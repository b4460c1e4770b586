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
 * then lives on, unused, for the invalidation timeout: a tenth of a session's set-up cost and of
 * its heap. Signalbox keeps nothing in HTTP sessions, so the handshake is handed a request on
 * which {@code getSession()} only finds a session the client already has.
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
