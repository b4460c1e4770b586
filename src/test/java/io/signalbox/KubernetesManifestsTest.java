package io.signalbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Loads every manifest in {@code k8s/} into fabric8's Kubernetes model and checks it against the
 * code: the ports Liberty and Hazelcast listen on, the health paths, the names that refer to one
 * another, and that every environment variable is a MicroProfile Config key Signalbox reads.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("k8s");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    /** Variables meant for the JVM, not for MicroProfile Config. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private final Map<String, HasMetadata> resources = load();

    @Test
    void kustomizationListsEveryManifestAndNothingElse() throws IOException {
        Map<String, Object> kustomization = YAML.unmarshal(Files.readString(K8S.resolve("kustomization.yaml")), Map.class);
        @SuppressWarnings("unchecked")
        Set<String> listed = new TreeSet<>((List<String>) kustomization.get("resources"));
        try (Stream<Path> files = Files.list(K8S)) {
            Set<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(manifests, listed);
        }
    }

    @Test
    void theContainerServesLibertysPortWithTheHealthPathsOfMicroProfileHealth() throws IOException {
        Container container = container();
        assertEquals(libertyHttpPort(), port(container, "http").getContainerPort());
        assertEquals("/health/started", path(container.getStartupProbe().getHttpGet()));
        assertEquals("/health/ready", path(container.getReadinessProbe().getHttpGet()));
        assertEquals("/health/live", path(container.getLivenessProbe().getHttpGet()));
        for (HTTPGetAction probe : List.of(container.getStartupProbe().getHttpGet(),
                container.getReadinessProbe().getHttpGet(), container.getLivenessProbe().getHttpGet())) {
            assertEquals("http", probe.getPort().getStrVal());
        }
        assertTrue(container.getResources().getRequests().containsKey("cpu"), "the HPA needs a CPU request");
        assertTrue(container.getLifecycle().getPreStop() != null, "a pod leaves the Service before Liberty stops");
    }

    @Test
    void everyEnvironmentVariableIsAConfigKeyTheCodeReads() throws IOException {
        Set<String> known = configKeys().stream().map(KubernetesManifestsTest::environmentName).collect(Collectors.toSet());
        List<String> names = new ArrayList<>(configMap().getData().keySet());
        names.addAll(secret().getStringData().keySet());
        names.addAll(janusSecret().getStringData().keySet());
        names.addAll(turnSecret().getStringData().keySet());
        container().getEnv().stream().map(EnvVar::getName).forEach(names::add);
        for (String name : names) {
            assertTrue(known.contains(name) || JVM_VARIABLES.contains(name), name + " is not a Signalbox config key");
        }
        List<String> sources = container().getEnvFrom().stream().map(KubernetesManifestsTest::sourceName).toList();
        assertEquals(List.of(configMap().getMetadata().getName(), secret().getMetadata().getName(),
                janusSecret().getMetadata().getName(), turnSecret().getMetadata().getName()), sources);
    }

    @Test
    void signalboxDrivesTheJanusDeploymentWithTheRepositorysConfigurationAndTheSharedSecret() throws IOException {
        Matcher port = Pattern.compile("ws_port = (\\d+)").matcher(Files.readString(K8S.resolve("janus/janus.transport.websockets.jcfg")));
        assertTrue(port.find(), "the WebSocket transport names its port");
        Service service = get("signalbox-janus", Service.class);
        assertEquals(Integer.parseInt(port.group(1)), service.getSpec().getPorts().get(0).getPort());
        assertEquals("ws://" + service.getMetadata().getName() + ":" + port.group(1),
                configMap().getData().get("SIGNALBOX_MEDIA_JANUS_URL"));
        assertEquals("janus", configMap().getData().get("SIGNALBOX_MEDIA_BACKEND"));
        Deployment janus = get("signalbox-janus", Deployment.class);
        assertEquals(janus.getSpec().getTemplate().getMetadata().getLabels(), service.getSpec().getSelector());
        Container container = janus.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(Integer.parseInt(port.group(1)), port(container, "janus-api").getContainerPort());
        // Janus reads the repository's folder (a generated ConfigMap), copied with the Admin API's
        // secret put in and the Admin API on, and the secrets Signalbox sends.
        String mounted = container.getVolumeMounts().get(0).getMountPath();
        assertEquals(List.of("sh", "-c"), container.getCommand());
        String script = container.getArgs().get(0);
        assertTrue(script.contains("cp " + mounted + "/*.jcfg /tmp/signalbox-janus/"), script);
        assertTrue(script.contains("s|REPLACED-AT-START|$SIGNALBOX_MEDIA_JANUS_ADMIN_SECRET|"), script);
        assertTrue(Files.readString(K8S.resolve("janus/janus.jcfg")).contains("admin_secret = \"REPLACED-AT-START\""));
        assertTrue(script.contains("s|admin_ws = false|admin_ws = true|"), script);
        assertTrue(Files.readString(K8S.resolve("janus/janus.transport.websockets.jcfg")).contains("admin_ws = false"));
        assertTrue(script.contains("exec janus -F /tmp/signalbox-janus "), script);
        assertTrue(script.contains("-a \"$SIGNALBOX_MEDIA_JANUS_API_SECRET\""), script);
        Matcher adminPort = Pattern.compile("admin_ws_port = (\\d+)").matcher(Files.readString(K8S.resolve("janus/janus.transport.websockets.jcfg")));
        assertTrue(adminPort.find(), "the Admin API names its port");
        assertEquals(Integer.parseInt(adminPort.group(1)), port(container, "janus-admin").getContainerPort());
        assertEquals(Integer.parseInt(adminPort.group(1)), service.getSpec().getPorts().get(1).getPort());
        assertEquals(janusSecret().getMetadata().getName(), sourceName(container.getEnvFrom().get(0)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> generated = (List<Map<String, Object>>) YAML.unmarshal(
                Files.readString(K8S.resolve("kustomization.yaml")), Map.class).get("configMapGenerator");
        assertEquals(janus.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName(),
                generated.get(0).get("name"));
        try (Stream<Path> files = Files.list(K8S.resolve("janus"))) {
            assertEquals(files.map(p -> "janus/" + p.getFileName()).filter(n -> n.endsWith(".jcfg")).sorted().toList(),
                    ((List<?>) generated.get(0).get("files")).stream().map(String::valueOf).sorted().toList());
        }
    }

    @Test
    void preStopDrainsThePodWithTheDrainSecretsTokenBeforeLibertyStops() throws IOException {
        Deployment deployment = get("signalbox", Deployment.class);
        Container container = container();
        String hook = String.join(" ", container.getLifecycle().getPreStop().getExec().getCommand());
        assertTrue(hook.contains("-X POST") && hook.contains("http://127.0.0.1:" + libertyHttpPort() + "/rest/v2/drain"),
                "the hook drains this pod through Liberty's port: " + hook);
        Secret drain = get("signalbox-drain", Secret.class);
        var volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null && drain.getMetadata().getName().equals(v.getSecret().getSecretName()))
                .findFirst().orElseThrow(() -> new AssertionError("the drain Secret is not mounted"));
        String mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the drain Secret's volume is not mounted")).getMountPath();
        String key = drain.getStringData().keySet().iterator().next();
        assertTrue(hook.contains("Bearer $(cat " + mount + "/" + key + ")"), "the hook shows the Secret's token: " + hook);
        Matcher sleep = Pattern.compile("sleep (\\d+)").matcher(hook);
        assertTrue(sleep.find(), "the hook waits for the SDKs to move: " + hook);
        assertTrue(Integer.parseInt(sleep.group(1)) < deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(),
                "the grace period outlasts the hook");
    }

    @Test
    void coturnChecksTheTurnCredentialsWithTheSecretSignalboxSignsThemWith() {
        Deployment coturn = get("signalbox-coturn", Deployment.class);
        Container container = coturn.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> command = container.getCommand();
        assertTrue(command.contains("--use-auth-secret"), command::toString);
        String key = turnSecret().getStringData().keySet().iterator().next();
        assertTrue(command.contains("--static-auth-secret=$(" + key + ")"), command::toString);
        EnvVar secret = container.getEnv().stream().filter(e -> e.getName().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("coturn is not given " + key));
        assertEquals(turnSecret().getMetadata().getName(), secret.getValueFrom().getSecretKeyRef().getName());
        assertEquals(key, secret.getValueFrom().getSecretKeyRef().getKey());
        // Signalbox hands out the port coturn listens on.
        Matcher uri = Pattern.compile("turn:[^:]+:(\\d+)").matcher(configMap().getData().get("SIGNALBOX_ICE_TURN_URI"));
        assertTrue(uri.find());
        assertTrue(command.contains("--listening-port=" + uri.group(1)), command::toString);
        assertEquals(Integer.parseInt(uri.group(1)), port(container, "turn-udp").getContainerPort());
        Service service = get("signalbox-coturn", Service.class);
        assertEquals(coturn.getSpec().getTemplate().getMetadata().getLabels(), service.getSpec().getSelector());
    }

    @Test
    void membersFindEachOtherThroughTheHeadlessServiceOnTheClusterPort() {
        Service headless = get("signalbox-cluster", Service.class);
        assertEquals("None", headless.getSpec().getClusterIP());
        assertTrue(headless.getSpec().getPublishNotReadyAddresses(), "a starting pod must be found to join");
        Map<String, String> config = configMap().getData();
        assertEquals("true", config.get("SIGNALBOX_CLUSTER_ENABLED"));
        assertEquals(headless.getMetadata().getName(), config.get("SIGNALBOX_CLUSTER_KUBERNETES_SERVICE_NAME"));
        int clusterPort = Integer.parseInt(config.get("SIGNALBOX_CLUSTER_PORT"));
        ServicePort port = headless.getSpec().getPorts().get(0);
        assertEquals(clusterPort, port.getPort());
        assertEquals(clusterPort, port(container(), port.getTargetPort().getStrVal()).getContainerPort());
        assertEquals(podLabels(), headless.getSpec().getSelector());
    }

    @Test
    void discoveryMayReadEndpointsAndPodsAsThePodsOwnServiceAccount() {
        Role role = get("signalbox-discovery", Role.class);
        PolicyRule core = role.getRules().stream().filter(r -> r.getApiGroups().contains("")).findFirst().orElseThrow();
        assertTrue(core.getResources().containsAll(List.of("endpoints", "pods")), core::toString);
        assertTrue(core.getVerbs().containsAll(List.of("get", "list")), core::toString);
        assertTrue(role.getRules().stream().flatMap(r -> r.getVerbs().stream())
                .noneMatch(v -> Set.of("create", "update", "patch", "delete").contains(v)), "discovery changes nothing");
        RoleBinding binding = get("signalbox-discovery", RoleBinding.class);
        assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
        String account = get("signalbox", ServiceAccount.class).getMetadata().getName();
        assertEquals(account, binding.getSubjects().get(0).getName());
        assertEquals(account, deployment().getSpec().getTemplate().getSpec().getServiceAccountName());
    }

    @Test
    void clientsReachThePodsThroughServiceAndIngress() {
        Service service = get("signalbox", Service.class);
        assertEquals(podLabels(), service.getSpec().getSelector());
        ServicePort http = service.getSpec().getPorts().get(0);
        assertEquals(libertyHttpPortUnchecked(), port(container(), http.getTargetPort().getStrVal()).getContainerPort());
        IngressServiceBackend backend = get("signalbox", Ingress.class).getSpec().getRules().get(0).getHttp().getPaths()
                .get(0).getBackend().getService();
        assertEquals(service.getMetadata().getName(), backend.getName());
        assertEquals(http.getName(), backend.getPort().getName());
        Map<String, String> annotations = get("signalbox", Ingress.class).getMetadata().getAnnotations();
        assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"))
                > Integer.parseInt(configMap().getData().get("SIGNALBOX_LIMITS_IDLE_TIMEOUT_SECONDS")),
                "the proxy must not cut a socket the server still keeps");
    }

    @Test
    void autoscalerAndDisruptionBudgetTargetTheDeployment() {
        HorizontalPodAutoscaler hpa = get("signalbox", HorizontalPodAutoscaler.class);
        assertEquals(deployment().getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2, "one pod is no cluster");
        PodDisruptionBudget pdb = get("signalbox", PodDisruptionBudget.class);
        assertEquals(podLabels(), pdb.getSpec().getSelector().getMatchLabels());
        assertEquals(podLabels(), deployment().getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theConfigurationTableListsEveryConfigKey() throws IOException {
        String readme = Files.readString(Path.of("docs", "operations.md"));
        for (String key : configKeys()) {
            assertTrue(readme.contains("| `" + key + "` | `" + environmentName(key) + "` |"), key + " is not in the configuration table of docs/operations.md");
        }
    }

    /** Every key a {@code @ConfigProperty} in the main code names. */
    static Set<String> configKeys() throws IOException {
        Pattern property = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = property.matcher(Files.readString(source));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertTrue(keys.size() > 10, "found the keys: " + keys);
        return keys;
    }

    /** The environment variable MicroProfile Config maps to {@code key}. */
    static String environmentName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * The recording folder is one ReadWriteMany claim, mounted where the ConfigMap says in the
     * Signalbox pods and in the Janus pod, which runs as Liberty's user so Signalbox may delete
     * what Janus writes.
     */
    @Test
    void janusAndSignalboxShareTheRecordingFolder() {
        String folder = configMap().getData().get("SIGNALBOX_RECORDING_DIRECTORY");
        PersistentVolumeClaim claim = get("signalbox-recordings", PersistentVolumeClaim.class);
        assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes());
        Deployment janus = get("signalbox-janus", Deployment.class);
        for (Deployment deployment : List.of(deployment(), janus)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            String volume = pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null
                    && claim.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName()))
                    .findFirst().orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " mounts no recordings claim")).getName();
            assertTrue(pod.getContainers().get(0).getVolumeMounts().stream()
                    .anyMatch(m -> m.getName().equals(volume) && m.getMountPath().equals(folder)),
                    deployment.getMetadata().getName() + " mounts the claim at " + folder);
        }
        assertEquals(1001L, janus.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser());
        assertEquals(0L, janus.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsGroup());
    }

    private static int libertyHttpPort() throws IOException {
        Matcher m = Pattern.compile("<variable name=\"http.port\" defaultValue=\"(\\d+)\"/>")
                .matcher(Files.readString(Path.of("liberty/server.xml")));
        assertTrue(m.find(), "server.xml names its http.port");
        return Integer.parseInt(m.group(1));
    }

    private static int libertyHttpPortUnchecked() {
        try {
            return libertyHttpPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Deployment deployment() {
        return get("signalbox", Deployment.class);
    }

    private Container container() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private Map<String, String> podLabels() {
        return deployment().getSpec().getTemplate().getMetadata().getLabels();
    }

    private ConfigMap configMap() {
        return get("signalbox-config", ConfigMap.class);
    }

    private Secret secret() {
        return get("signalbox-jwt", Secret.class);
    }

    private Secret janusSecret() {
        return get("signalbox-janus", Secret.class);
    }

    private Secret turnSecret() {
        return get("signalbox-turn", Secret.class);
    }

    private static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static String path(HTTPGetAction probe) {
        return probe.getPath();
    }

    private static String sourceName(EnvFromSource source) {
        return source.getConfigMapRef() != null ? source.getConfigMapRef().getName() : source.getSecretRef().getName();
    }

    private <T extends HasMetadata> T get(String name, Class<T> kind) {
        HasMetadata resource = resources.get(kind.getSimpleName() + "/" + name);
        assertTrue(resource != null, () -> "no " + kind.getSimpleName() + " " + name + " in " + resources.keySet());
        return assertInstanceOf(kind, resource);
    }

    /** Every manifest, by {@code Kind/name}; each must be one resource of a kind the model knows. */
    private static Map<String, HasMetadata> load() {
        Map<String, HasMetadata> loaded = new HashMap<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Object resource = YAML.unmarshal(in);
                    HasMetadata typed = assertInstanceOf(HasMetadata.class, resource, file + " is one Kubernetes resource");
                    assertTrue(!typed.getClass().getSimpleName().startsWith("Generic"), file + " is of a known kind");
                    loaded.put(typed.getKind() + "/" + typed.getMetadata().getName(), typed);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return loaded;
    }
}
