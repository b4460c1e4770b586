package io.signalbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Grafana's own dashboard schema, as {@code @grafana/schema} (npm) publishes it, takes the
 * dashboard in {@code k8s/grafana}, and refuses one with a property Grafana does not know
 * ({@code src/test/node/grafana/check.mjs}, TypeScript's strict compiler). An IT because it needs
 * the Node packages the integration tests install; no server.
 */
class GrafanaDashboardIT {
    private static final Path DASHBOARD = Path.of("k8s", "grafana", "signalbox.json").toAbsolutePath();

    @Test
    void grafanasDashboardSchemaTakesTheDashboard() throws Exception {
        Result checked = check(DASHBOARD);
        assertEquals(0, checked.exit(), checked.output());
        assertTrue(checked.output().contains("\"problems\":0"), checked.output());
    }

    @Test
    void theCheckRefusesAPanelPropertyGrafanaDoesNotKnow() throws Exception {
        Path misspelt = Files.createTempFile("dashboard", ".json");
        Files.writeString(misspelt, Files.readString(DASHBOARD).replaceFirst("\"title\": \"Sessions\"", "\"titel\": \"Sessions\""));
        Result checked = check(misspelt);
        assertEquals(1, checked.exit(), checked.output());
        assertTrue(checked.output().contains("'\"titel\"' does not exist"), checked.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result check(Path dashboard) throws Exception {
        Process node = new ProcessBuilder("node", "grafana/check.mjs", dashboard.toString()).directory(Path.of("src", "test", "node").toFile())
                .redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "the check did not end in 2 minutes: " + output);
        return new Result(node.exitValue(), output);
    }
}
