package io.signalbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in {@code k8s/grafana}: every metric its queries read is one the code
 * publishes and docs/operations.md lists, and kustomize makes it the labelled ConfigMap Grafana's sidecar
 * finds. (That Grafana's schema takes it is {@code GrafanaDashboardIT}.)
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("k8s", "grafana", "signalbox.json");
    private static final Pattern METRIC = Pattern.compile("\\bsignalbox_[a-z0-9_]+");
    private static final Pattern SUFFIX = Pattern.compile("(_seconds)?(_bucket|_count|_sum|_total)?$");
    private static final Pattern DECLARED = Pattern.compile("\"(signalbox\\.[a-z0-9.]+)\"");

    @Test
    void everyQueryReadsAMetricTheCodePublishesAndTheOperationsPageLists() throws IOException {
        Set<String> read = queried();
        assertTrue(read.size() >= 15, "the dashboard reads " + read);
        Set<String> declared = declaredMetricNames();
        String readme = Files.readString(Path.of("docs", "operations.md"));
        for (String metric : read) {
            String base = SUFFIX.matcher(metric).replaceFirst("");
            assertTrue(declared.contains(base.replace('_', '.')), metric + " is not a metric the code declares: " + declared);
            String leaf = base.substring(base.lastIndexOf('_'));
            assertTrue(readme.contains("`" + base) || readme.contains(leaf + "_total`") || readme.contains("`" + metric),
                    metric + " is not in the metrics table of docs/operations.md");
        }
    }

    @Test
    void kustomizeMakesItTheConfigMapGrafanasSidecarFinds() throws IOException {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> generated = (List<Map<String, Object>>) new KubernetesSerialization()
                .unmarshal(Files.readString(Path.of("k8s", "kustomization.yaml")), Map.class).get("configMapGenerator");
        Map<String, Object> dashboard = generated.stream().filter(g -> "signalbox-grafana-dashboard".equals(g.get("name"))).findFirst()
                .orElseThrow();
        assertEquals(List.of("grafana/signalbox.json", "grafana/provider.yaml"), dashboard.get("files"));
        assertEquals(Map.of("labels", Map.of("grafana_dashboard", "1")), dashboard.get("options"));
        JsonObject json = Json.createReader(new StringReader(Files.readString(DASHBOARD))).readObject();
        assertEquals("signalbox", json.getString("uid"));
    }

    private static Set<String> queried() throws IOException {
        JsonObject json = Json.createReader(new StringReader(Files.readString(DASHBOARD))).readObject();
        Set<String> metrics = new TreeSet<>();
        json.getJsonArray("panels").forEach(panel -> panel.asJsonObject().getJsonArray("targets").forEach(target -> {
            Matcher m = METRIC.matcher(target.asJsonObject().getString("expr"));
            while (m.find()) {
                metrics.add(m.group());
            }
        }));
        return metrics;
    }

    /** The names in quotes in the main code that begin with {@code signalbox.}: metric names among them. */
    private static Set<String> declaredMetricNames() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return DECLARED.matcher(Files.readString(f)).results().map(r -> r.group(1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
