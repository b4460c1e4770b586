package io.signalbox.security;

import io.signalbox.error.ErrorDefinition;
import io.signalbox.error.SignalingException;
import io.signalbox.error.SignalingExceptionMapper;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Enforces {@code @RolesAllowed} on the REST API with MicroProfile JWT bearer tokens: the token in
 * {@code Authorization: Bearer} is verified by the same {@link TokenVerifier} and key configuration
 * as signaling tokens, and its {@code groups} claim holds the roles (MicroProfile JWT's claim
 * names; the MP JWT API itself is not on the classpath without the server's own JWT feature).
 * No token or a bad one is 401, a good token without the role 403; both answer
 * {@code unauthorized_access} in the catalogue's words.
 *
 * <p>A JAX-RS filter, so the WAR needs no server-specific security configuration: Liberty's
 * {@code mpJwt} feature wants an {@code <mpJwt>} element and a keystore, and writes a refused
 * token in full to its log. On Payara, whose MP-JWT support is built in, the server checks the
 * token first (its own 401 page) and this filter then checks the group as everywhere else.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminApiFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(AdminApiFilter.class.getName());

    @Context
    ResourceInfo resource;

    @Inject
    TokenVerifier verifier;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Set<String>> allowed = rolesAllowed(resource.getResourceMethod(), resource.getResourceClass());
        if (allowed.isEmpty()) {
            return;
        }
        Optional<String> token = UpgradeToken.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            request.abortWith(refuse(Response.Status.UNAUTHORIZED));
            return;
        }
        JwtClaims claims;
        try {
            claims = verifier.verify(token.get());
        } catch (SignalingException e) {
            LOG.log(Level.FINE, "admin API token refused: {0}", e.getMessage());
            request.abortWith(refuse(Response.Status.UNAUTHORIZED));
            return;
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "admin API refused a request: {0}", e.getMessage());
            request.abortWith(refuse(Response.Status.UNAUTHORIZED));
            return;
        }
        List<String> groups = groups(claims);
        if (groups.stream().noneMatch(allowed.get()::contains)) {
            request.abortWith(refuse(Response.Status.FORBIDDEN));
            return;
        }
        request.setSecurityContext(new TokenSecurityContext(name(claims), groups, request.getSecurityContext().isSecure()));
    }

    /** The roles a method allows, from the method or else its class; empty when anyone may call it. */
    static Optional<Set<String>> rolesAllowed(Method method, Class<?> type) {
        if (method != null && method.isAnnotationPresent(PermitAll.class)) {
            return Optional.empty();
        }
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (roles == null && type != null) {
            roles = type.getAnnotation(RolesAllowed.class);
        }
        return Optional.ofNullable(roles).map(r -> Set.of(r.value()));
    }

    private static Response refuse(Response.Status status) {
        ErrorDefinition d = ErrorDefinition.UNAUTHORIZED_ACCESS;
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new SignalingExceptionMapper.Body(d.wireName(), d.message()));
        if (status == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    private static List<String> groups(JwtClaims claims) {
        try {
            return claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
        } catch (MalformedClaimException e) {
            return List.of();
        }
    }

    /** MicroProfile JWT's caller name: {@code upn}, else {@code preferred_username}, else {@code sub}. */
    private static String name(JwtClaims claims) {
        for (String claim : List.of("upn", "preferred_username", "sub")) {
            Object value = claims.getClaimValue(claim);
            if (value instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return "";
    }

    private record TokenSecurityContext(String name, List<String> groups, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return groups.contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "MP-JWT";
        }
    }
}
