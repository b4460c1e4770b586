package io.signalbox.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeTokenTest {
    private static Optional<String> find(Map<String, List<String>> headers, Map<String, List<String>> query) {
        return UpgradeToken.find(headers, query, "Bearer");
    }

    @Test
    void theAuthorizationHeaderComesFirstThenTheCookieThenTheQuery() {
        Map<String, List<String>> query = Map.of("token", List.of("q"));
        assertEquals(Optional.of("h"), find(Map.of("Authorization", List.of("Bearer h"), "Cookie", List.of("Bearer=c")), query));
        assertEquals(Optional.of("c"), find(Map.of("Cookie", List.of("Bearer=c")), query));
        assertEquals(Optional.of("q"), find(Map.of(), query));
        assertEquals(Optional.empty(), find(Map.of(), Map.of()));
    }

    @Test
    void headerNamesAndTheSchemeAreCaseInsensitive() {
        assertEquals(Optional.of("h"), find(Map.of("authorization", List.of("bearer  h ")), Map.of()));
        assertEquals(Optional.of("c"), find(Map.of("COOKIE", List.of("Bearer=c")), Map.of()));
    }

    @Test
    void theCookieIsFoundAmongOthersByItsConfiguredName() {
        Map<String, List<String>> headers = Map.of("Cookie", List.of("theme=dark; jwt=x; NotBearer=y"));
        assertEquals(Optional.of("x"), UpgradeToken.find(headers, Map.of(), "jwt"));
        assertEquals(Optional.empty(), find(headers, Map.of()));
    }

    @Test
    void otherSchemesAndEmptyValuesAreNoToken() {
        assertEquals(Optional.empty(), find(Map.of("Authorization", List.of("Basic YWxpY2U6c2VjcmV0")), Map.of()));
        assertEquals(Optional.empty(), find(Map.of("Authorization", List.of("Bearer ")), Map.of()));
        assertEquals(Optional.empty(), find(Map.of("Cookie", List.of("Bearer=")), Map.of("token", List.of(""))));
    }
}
