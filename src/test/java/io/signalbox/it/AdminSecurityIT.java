package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin REST API wants an MP JWT bearer token in group {@code admin}: 401 without one or with
 * a bad one, 403 with another group, and a refused call changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class AdminSecurityIT {
    private static final String USER = TestKeys.caller("carol", "user");
    private static final String ADMIN = TestKeys.caller("alice", "admin");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    /** Every admin call, as method, path and body; the ids in them need not exist. */
    private static List<String[]> adminCalls(String s) {
        return List.of(
                new String[] {"POST", "/rest/v2/broadcasts/create", "{\"streamId\":\"" + s + "\"}"},
                new String[] {"GET", "/rest/v2/broadcasts/list/0/10", null},
                new String[] {"GET", "/rest/v2/broadcasts/" + s, null},
                new String[] {"DELETE", "/rest/v2/broadcasts/" + s, null},
                new String[] {"POST", "/rest/v2/rooms", "{\"roomId\":\"" + s + "\"}"},
                new String[] {"GET", "/rest/v2/rooms/" + s, null});
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "basic", "garbage", "expired", "wrong-key", "wrong-issuer"})
    void withoutAGoodTokenEveryAdminCallIs401(String kind) {
        String s = Ids.unique("locked-" + kind);
        for (String[] call : adminCalls(s)) {
            HttpResponse<String> response = switch (kind) {
                case "missing" -> Server.request(call[0], call[1], call[2], null);
                case "basic" -> basic(call);
                default -> Server.request(call[0], call[1], call[2], badToken(kind));
            };
            assertRefused(response, 401, call);
            assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null), call[1]);
        }
        assertEquals(404, Server.request("GET", "/rest/v2/broadcasts/" + s, null, ADMIN).statusCode(),
                "a refused create created nothing");
    }

    @Test
    void aTokenWithoutTheAdminGroupIs403AndChangesNothing() {
        String s = Ids.unique("forbidden");
        for (String[] call : adminCalls(s)) {
            assertRefused(Server.request(call[0], call[1], call[2], USER), 403, call);
        }
        assertEquals(404, Server.request("GET", "/rest/v2/broadcasts/" + s, null, ADMIN).statusCode());
        assertEquals(false, Server.json(Server.request("GET", "/rest/v2/rooms/" + s, null, ADMIN)).getBoolean("registered"));
    }

    @Test
    void anAdminTokenIsServed() {
        String s = Ids.unique("admin");
        for (String[] call : adminCalls(s)) {
            int status = Server.request(call[0], call[1], call[2], ADMIN).statusCode();
            assertFalse(status == 401 || status == 403, call[0] + " " + call[1] + " answered " + status);
        }
    }

    @Test
    void theCatalogueAndHealthNeedNoToken() {
        assertEquals(200, Server.request("GET", "/rest/v2/errors", null, null).statusCode());
        assertEquals(200, Server.request("GET", "/health/ready", null, null).statusCode());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String[] call) {
        String what = call[0] + " " + call[1];
        assertEquals(status, response.statusCode(), what);
        assertEquals(Messages.expectedRestError("unauthorized_access"), Server.json(response), what);
    }

    private static HttpResponse<String> basic(String[] call) {
        // A scheme other than Bearer is no token at all.
        return Server.requestWithAuthorization(call[0], call[1], call[2], "Basic YWxpY2U6c2VjcmV0");
    }

    private static String badToken(String kind) {
        return switch (kind) {
            case "garbage" -> "not.a.jwt";
            case "expired" -> TestKeys.sign(TestKeys.claims(c -> {
                c.setStringListClaim("groups", "admin");
                c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
            }));
            case "wrong-key" -> TestKeys.sign(TestKeys.claims(c -> c.setStringListClaim("groups", "admin")),
                    TestKeys.OTHER_KEYS);
            case "wrong-issuer" -> TestKeys.sign(TestKeys.claims(c -> {
                c.setStringListClaim("groups", "admin");
                c.setIssuer("https://elsewhere.test");
            }));
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
