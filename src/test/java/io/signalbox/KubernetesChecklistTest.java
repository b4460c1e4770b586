package io.signalbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/kubernetes.md names what the manifests hold: every image with its Containerfile, every
 * Secret with its keys, every Deployment on the node's network with the UDP ports its command
 * opens, the ConfigMap's token setting, and every file kustomize applies.
 */
class KubernetesChecklistTest {
    private static final Path K8S = Path.of("k8s");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Pattern RANGE = Pattern.compile("(\\d{4,5})-(\\d{4,5})|--min-port=(\\d+) --max-port=(\\d+)");

    private final String checklist = read(Path.of("docs", "kubernetes.md"));
    private final Map<String, Object> kustomization = YAML.unmarshal(read(K8S.resolve("kustomization.yaml")), Map.class);

    @Test
    void everyImageIsBuiltFromItsContainerfile() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path containerfile : files.filter(f -> f.getFileName().toString().equals("Containerfile")).toList()) {
                assertTrue(checklist.contains("`" + containerfile + "`"), containerfile + " is not in the checklist");
            }
        }
        for (Object image : (List<?>) kustomization.get("images")) {
            String name = String.valueOf(((Map<?, ?>) image).get("name"));
            String tag = String.valueOf(((Map<?, ?>) image).get("newTag"));
            assertTrue(checklist.contains("| `" + name + "` |"), name + " is not in the images table");
            assertTrue(checklist.contains("/" + name + ":" + tag), name + ":" + tag + " is not built and pushed");
        }
    }

    @Test
    void everySecretIsNamedWithItsFileAndKeys() {
        for (Map.Entry<Path, HasMetadata> manifest : manifests().entrySet()) {
            if (manifest.getValue() instanceof Secret secret) {
                String row = row("## 2.", "`" + secret.getMetadata().getName() + "`");
                assertTrue(row.contains("`" + manifest.getKey().getFileName() + "`"), row);
                secret.getStringData().keySet().forEach(key -> assertTrue(row.contains("`" + key + "`"), key + " in " + row));
            }
        }
    }

    @Test
    void everyDeploymentOnTheNodesNetworkIsListedWithTheUdpPortsItOpens() {
        int found = 0;
        for (HasMetadata resource : manifests().values()) {
            if (resource instanceof Deployment deployment && Boolean.TRUE.equals(deployment.getSpec().getTemplate().getSpec().getHostNetwork())) {
                found++;
                String row = row("## 3.", "`" + deployment.getMetadata().getName() + "`");
                Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                List<String> command = new ArrayList<>(container.getCommand());
                command.addAll(container.getArgs());
                Matcher range = RANGE.matcher(String.join(" ", command));
                assertTrue(range.find(), "no UDP range in " + command);
                String ports = range.group(1) != null ? range.group(1) + "-" + range.group(2) : range.group(3) + "-" + range.group(4);
                assertTrue(row.contains(ports + "/udp"), ports + " not in " + row);
            }
        }
        assertTrue(found >= 2, "Janus and coturn run on the node's network");
    }

    @Test
    void theTokenSettingAndEveryFileKustomizeAppliesAreNamed() {
        String required = String.valueOf(YAML.unmarshal(read(K8S.resolve("configmap.yaml")), io.fabric8.kubernetes.api.model.ConfigMap.class)
                .getData().get("SIGNALBOX_SECURITY_TOKEN_REQUIRED"));
        assertTrue(checklist.contains("`SIGNALBOX_SECURITY_TOKEN_REQUIRED: \"" + required + "\"`"), required);
        for (Object file : (List<?>) kustomization.get("resources")) {
            assertTrue(checklist.contains("`" + file + "`"), file + " is not in the checklist");
        }
        for (Object generated : (List<?>) kustomization.get("configMapGenerator")) {
            String name = String.valueOf(((Map<?, ?>) generated).get("name"));
            assertTrue(checklist.contains("`" + name + "`"), name + " is not in the checklist");
        }
    }

    /** The table row of the checklist's step {@code step} ("## 2.") that names {@code name} first. */
    private String row(String step, String name) {
        int start = checklist.indexOf("\n" + step + " ");
        assertTrue(start >= 0, "no step " + step);
        int end = checklist.indexOf("\n## ", start + 1);
        return checklist.substring(start, end < 0 ? checklist.length() : end).lines().filter(line -> line.startsWith("| " + name + " |"))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + name + " in step " + step + " of docs/kubernetes.md"));
    }

    private static Map<Path, HasMetadata> manifests() {
        Map<Path, HasMetadata> loaded = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).toList()) {
                loaded.put(file, (HasMetadata) YAML.unmarshal(read(file)));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return loaded;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
