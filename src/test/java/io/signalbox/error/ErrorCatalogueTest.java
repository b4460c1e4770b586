package io.signalbox.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue enum, protocol.md's tables and the JavaScript SDK's list must agree. */
class ErrorCatalogueTest {
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");
    private static final Pattern SDK_ENTRY = Pattern.compile("(?m)^\\s+\\w+: '([^']+)',$");
    private static final Pattern DTS_ENTRY = Pattern.compile("(?m)^\\s+\\w+: '([^']+)';$");

    @Test
    void everyWireNameIsUnique() {
        List<String> names = Arrays.stream(ErrorDefinition.values()).map(ErrorDefinition::wireName).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), names::toString);
    }

    @Test
    void theSevenDocumentedDefinitionsAreSpelledExactlyAsDocumented() {
        for (String documented : List.of("noStreamNameSpecified", "not_allowed_unregistered_streams",
                "no_room_specified", "unauthorized_access", "no_encoder_settings", "no_peer_associated_before",
                "notSetLocalDescription")) {
            assertTrue(ErrorDefinition.byWireName(documented).isPresent(), documented);
        }
    }

    @Test
    void everyDefinitionHasASentenceAndNoInternals() {
        for (ErrorDefinition d : ErrorDefinition.values()) {
            assertFalse(d.message().isBlank(), d.name());
            assertTrue(d.message().endsWith("."), d.name());
        }
    }

    @Test
    void serverDefinitionsMatchTheProtocolCatalogue() throws IOException {
        Set<String> documented = rows(section(protocol(), "## 3.", "## 4."));
        assertEquals(documented, wireNames(ErrorDefinition.Side.SERVER));
    }

    @Test
    void clientDefinitionsMatchTheProtocolSdkList() throws IOException {
        Set<String> sdkList = rows(section(protocol(), "## 11.", null));
        Set<String> serverSide = wireNames(ErrorDefinition.Side.SERVER);
        // notSetLocalDescription is in both lists: the server relays it and the SDK raises it.
        Set<String> clientOnly = sdkList.stream().filter(n -> !serverSide.contains(n))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertEquals(clientOnly, wireNames(ErrorDefinition.Side.CLIENT));
        assertTrue(sdkList.contains(ErrorDefinition.NOT_SET_LOCAL_DESCRIPTION.wireName()));
    }

    @Test
    void theSdkListIsTheProtocolSdkList() throws IOException {
        Set<String> documented = rows(section(protocol(), "## 11.", null));
        assertEquals(documented, sdkNames("src/main/webapp/sdk/errors.js",
                "export const SdkError = Object.freeze({", "});", SDK_ENTRY));
        assertEquals(documented, sdkNames("src/main/webapp/sdk/signalbox.d.ts",
                "export declare const SdkError: Readonly<{", "}>;", DTS_ENTRY));
    }

    /** The SDK's ServerError constants name every server definition, keyed by the enum constant in PascalCase. */
    @Test
    void theSdkServerErrorConstantsAreTheServersCatalogue() throws IOException {
        List<String> catalogue = Arrays.stream(ErrorDefinition.values()).filter(d -> d.side() == ErrorDefinition.Side.SERVER)
                .map(d -> pascal(d.name()) + "=" + d.wireName()).toList();
        assertEquals(catalogue, constants("src/main/webapp/sdk/errors.js", "export const ServerError = Object.freeze({", "});", ','));
        assertEquals(catalogue, constants("src/main/webapp/sdk/signalbox.d.ts", "export declare const ServerError: Readonly<{", "}>;", ';'));
        assertTrue(Files.readString(Path.of("src/main/webapp/sdk/signalbox.js")).contains("export { SdkError, ServerError, SignalboxError }"));
    }

    @Test
    void theThirteenDocumentedSdkNamesAreSpelledExactlyAsDocumented() throws IOException {
        Set<String> sdkList = rows(section(protocol(), "## 11.", null));
        for (String documented : List.of("WebSocketNotSupported", "NoActiveConnection", "AbortError", "NotAllowedError",
                "NotFoundError", "OverconstrainedError", "SecurityError", "NotSupportedError", "AudioAlreadyActive",
                "VideoAlreadyActive", "screen_share_permission_denied", "notSetLocalDescription",
                "Camera or Mic is being used by some other process that does not let read the devices")) {
            assertTrue(sdkList.contains(documented), documented + " is not in protocol.md section 11");
        }
    }

    private static String protocol() throws IOException {
        return Files.readString(Path.of(System.getProperty("signalbox.protocol.doc", "docs/protocol.md")));
    }

    private static String section(String doc, String start, String end) {
        int from = doc.indexOf(start);
        assertTrue(from >= 0, "no section " + start);
        int to = end == null ? doc.length() : doc.indexOf(end, from);
        return doc.substring(from, to);
    }

    private static Set<String> rows(String section) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TABLE_ROW.matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertFalse(names.isEmpty(), "no table rows in section");
        return names;
    }

    /** The names in the SDK's {@code SdkError} object, between {@code start} and {@code end} of {@code file}. */
    private static Set<String> sdkNames(String file, String start, String end, Pattern entry) throws IOException {
        String text = Files.readString(Path.of(file));
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no SdkError in " + file);
        Matcher m = entry.matcher(text.substring(from, text.indexOf(end, from)));
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The {@code key=value} entries of a constants object between {@code start} and {@code end} of {@code file}. */
    private static List<String> constants(String file, String start, String end, char separator) throws IOException {
        String text = Files.readString(Path.of(file));
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in " + file);
        Matcher m = Pattern.compile("(?m)^\\s+(\\w+): '([^']+)'" + separator + "$").matcher(text.substring(from, text.indexOf(end, from)));
        List<String> entries = new java.util.ArrayList<>();
        while (m.find()) {
            entries.add(m.group(1) + "=" + m.group(2));
        }
        return entries;
    }

    private static String pascal(String constant) {
        return Arrays.stream(constant.split("_")).map(w -> w.charAt(0) + w.substring(1).toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining());
    }

    private static Set<String> wireNames(ErrorDefinition.Side side) {
        return Arrays.stream(ErrorDefinition.values()).filter(d -> d.side() == side).map(ErrorDefinition::wireName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
