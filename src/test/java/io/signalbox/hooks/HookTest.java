package io.signalbox.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookTest {

    @Test
    void theBodyIsAntMediasFormWithIdAndActionFirstAndNoEmptyFields() {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("streamName", "Lecture one & two");
        more.put("category", null);
        more.put("metadata", "{\"a\":1}");
        more.put("subscriberId", "");
        Hook hook = Hook.of("liveStreamStarted", "s-1", more);
        String form = hook.form();
        assertTrue(form.startsWith("id=s-1&action=liveStreamStarted&streamName=Lecture+one+%26+two&metadata=%7B%22a%22%3A1%7D&timestamp="), form);
        assertEquals(java.util.List.of("id", "action", "streamName", "metadata", "timestamp"), java.util.List.copyOf(hook.fields().keySet()));
        assertNotEquals(Hook.of("a", "s", Map.of()).eventId(), Hook.of("a", "s", Map.of()).eventId());
    }

    @Test
    void theSignatureIsHexHmacSha256OfTheSecondsADotAndTheBody() {
        // Computed apart from Java: printf '1700000000.id=x' | openssl dgst -sha256 -hmac key
        assertEquals("t=1700000000,v1=52d0a5053d9e6e504fcdfa0604255045bab3f122263db03dd7541e43aee46896",
                HookSender.signature("key", 1700000000L, "id=x"));
    }

    @Test
    void aReceiverThatIsNotAnHttpUrlStopsTheStartNamingTheKey() {
        for (String bad : new String[] {"ftp://host/hook", "hook", "http:///nohost", "http://exa mple.org"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HooksConfig.requireHttp(bad), bad);
            assertTrue(e.getMessage().contains("signalbox.webhooks.url"), e.getMessage());
        }
        assertEquals("example.org", HooksConfig.requireHttp("https://example.org/hook?k=1").getHost());
    }
}
