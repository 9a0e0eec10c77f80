package io.perfsweep.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Every YAML file under {@code k8s/} parses as Kubernetes objects, and every kustomization renders offline with
 * {@code kubectl kustomize} (kubectl ≥ 1.32 must be on PATH) into pods that fit the app and are locked down: image
 * {@code ghcr.io/perfsweep/perfsweep:<project version>}, port 8080 (= {@code quarkus.http.port}), health probes for
 * long-running pods, requests and limits, non-root with a read-only root file system and {@code /tmp} on an emptyDir,
 * no privilege escalation, no capabilities, credentials by secret reference only, and a NetworkPolicy.
 */
class KustomizeIT {

    private static final Path K8S = Path.of("k8s");
    private static final Pattern SENSITIVE = Pattern.compile("PASSWORD|SECRET|TOKEN|KEY");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void everyYamlUnderK8sParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(13);
        for (Path file : files) {
            List<HasMetadata> objects = parse(Files.readString(file));
            assertThat(objects).as(file.toString()).isNotEmpty()
                    .allSatisfy(o -> assertThat(o.getKind()).as(file.toString()).isNotBlank());
            if (file.getFileName().toString().startsWith("kustomization")) {
                assertThat(objects.get(0).getKind()).as(file.toString()).isIn("Kustomization", "Component");
            }
        }
        assertThat(kinds(parse(Files.readString(K8S.resolve("overlays/service/servicemonitor.yml")))))
                .containsExactly("ServiceMonitor");
    }

    @Test
    void baseRendersTheHardenedServiceWithItsNetworkPolicy() throws Exception {
        List<HasMetadata> rendered = render(K8S.resolve("base"));
        assertThat(kinds(rendered)).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "NetworkPolicy");
        checkService(rendered);
        assertThat(only(rendered, ConfigMap.class).getData()).containsEntry("PERFSWEEP_NATS_URL", "nats://nats:4222");
    }

    @Test
    void serviceOverlayUsesTheDynamoNamespaceNatsAndLeavesTheServiceMonitorOut() throws Exception {
        List<HasMetadata> rendered = render(K8S.resolve("overlays/service"));
        assertThat(kinds(rendered)).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "NetworkPolicy");
        checkService(rendered);
        Map<String, String> config = only(rendered, ConfigMap.class).getData();
        assertThat(config).containsEntry("PERFSWEEP_NATS_URL", "nats://dynamo-platform-nats:4222")
                .containsKey("PERFSWEEP_DB_URL");
        Deployment deployment = only(rendered, Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", "8080");
    }

    @Test
    void sidecarComponentAddsPerfsweepToTheFrontendPodTargetingLocalhost() throws Exception {
        Path dir = Path.of("target", "kustomize-sidecar");
        Files.createDirectories(dir);
        try (InputStream frontend = KustomizeIT.class.getResourceAsStream("/deploy/dynamo-frontend.yml")) {
            Files.write(dir.resolve("frontend.yml"), frontend.readAllBytes());
        }
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources:
                  - frontend.yml
                components:
                  - ../../k8s/overlays/sidecar
                """);
        List<HasMetadata> rendered = render(dir);
        assertThat(kinds(rendered)).containsExactlyInAnyOrder("ConfigMap", "Deployment");
        Deployment frontend = only(rendered, Deployment.class);
        assertThat(frontend.getMetadata().getName()).isEqualTo("vllm-agg-frontend");
        PodSpec pod = frontend.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactlyInAnyOrder("frontend", "perfsweep");
        Container perfsweep = container(pod, "perfsweep");
        checkContainer(pod, perfsweep, true, rendered);
        Map<String, String> config = only(rendered, ConfigMap.class).getData();
        assertThat(perfsweep.getEnvFrom()).anySatisfy(
                e -> assertThat(e.getConfigMapRef().getName())
                        .isEqualTo(only(rendered, ConfigMap.class).getMetadata().getName()));
        assertThat(config).containsEntry("PERFSWEEP_TARGETS_ALLOWED_HOSTS", "localhost,127.0.0.0/8")
                .containsEntry("PERFSWEEP_TARGETS_ALLOW_SINGLE_LABEL_HOSTS", "false");
    }

    @Test
    void jobOverlayRunsOneSweepAgainstAFrontendIntoThePvc() throws Exception {
        List<HasMetadata> rendered = render(K8S.resolve("overlays/job"));
        assertThat(kinds(rendered)).containsExactlyInAnyOrder("Job", "NetworkPolicy");
        Job job = only(rendered, Job.class);
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container container = container(pod, "perfsweep");
        checkContainer(pod, container, false, rendered);
        List<String> args = container.getArgs();
        assertThat(args.get(0)).isEqualTo("run");
        // a run measures as the launcher runs it: its default flags, read from the script so they cannot drift
        Matcher launcherFlags = Pattern.compile("opts=\\$\\{PERFSWEEP_JAVA_OPTS-([^}]*)}")
                .matcher(Files.readString(Path.of("perfsweep")));
        assertThat(launcherFlags.find()).isTrue();
        String javaOptions = container.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .findFirst().orElseThrow().getValue();
        assertThat(javaOptions.split(" ")).contains(launcherFlags.group(1).split(" "))
                .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        String endpoint = args.get(args.indexOf("--endpoint-url") + 1);
        assertThat(endpoint).matches("http://[a-z0-9-]+\\.[a-z0-9-]+\\.svc\\.cluster\\.local:8000");
        String outputDir = args.get(args.indexOf("--output-dir") + 1);
        Volume results = pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).findFirst().orElseThrow();
        assertThat(results.getPersistentVolumeClaim().getClaimName()).isEqualTo("dynamo-pvc");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(results.getName());
            assertThat(outputDir).startsWith(m.getMountPath() + "/");
        });
        NetworkPolicy policy = only(rendered, NetworkPolicy.class);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(job.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
    }

    private static void checkService(List<HasMetadata> rendered) throws IOException {
        Deployment deployment = only(rendered, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).hasSize(1);
        checkContainer(pod, pod.getContainers().get(0), true, rendered);
        Service service = only(rendered, Service.class);
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(appPort()));
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(pod.getContainers().get(0).getEnvFrom()).anySatisfy(
                e -> assertThat(e.getConfigMapRef().getName())
                        .isEqualTo(only(rendered, ConfigMap.class).getMetadata().getName()));

        NetworkPolicy policy = only(rendered, NetworkPolicy.class);
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(appPort())));
        List<Integer> egressPorts = policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts() == null ? Stream.empty() : rule.getPorts().stream())
                .map(p -> p.getPort().getIntVal()).toList();
        assertThat(egressPorts).contains(53, 4222, 5432);
    }

    /** The pod-level and container-level rules for every perfsweep container. */
    private static void checkContainer(PodSpec pod, Container container, boolean longRunning, List<HasMetadata> rendered)
            throws IOException {
        assertThat(container.getImage()).isEqualTo("ghcr.io/perfsweep/perfsweep:" + projectVersion());
        if (longRunning) {
            assertThat(container.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(appPort()));
            checkProbe(container.getLivenessProbe(), "/q/health/live");
            checkProbe(container.getReadinessProbe(), "/q/health/ready");
        } else {
            assertThat(container.getLivenessProbe()).isNull();
            assertThat(container.getReadinessProbe()).isNull();
        }
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");

        var security = container.getSecurityContext();
        assertThat(security).isNotNull();
        boolean podNonRoot = pod.getSecurityContext() != null
                && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
        assertThat(podNonRoot || Boolean.TRUE.equals(security.getRunAsNonRoot())).as("runAsNonRoot").isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);

        var tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst();
        assertThat(tmp).as("/tmp mount").isPresent();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmp.get().getName());
            assertThat(v.getEmptyDir()).isNotNull();
        });

        for (EnvVar env : container.getEnv() == null ? List.<EnvVar> of() : container.getEnv()) {
            if (SENSITIVE.matcher(env.getName()).find()) {
                assertThat(env.getValue()).as("inline value of " + env.getName()).isNull();
                assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName() + " by secretKeyRef").isNotNull();
            }
        }
        assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotHaveDuplicates();
        if (!longRunning) {
            return;
        }
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("PERFSWEEP_DB_PASSWORD", "PERFSWEEP_API_KEYS");
        checkNatsCredentialsOnlyFromTheirSecret(pod, container);
        checkTraceFilesMounted(pod, container);
        for (ConfigMap map : all(rendered, ConfigMap.class)) {
            // file paths (PERFSWEEP_NATS_TLS_KEY_FILE: /var/run/secrets/nats/tls.key) are not credentials
            assertThat(map.getData().keySet()).as("ConfigMap " + map.getMetadata().getName() + " holds no credentials")
                    .noneMatch(k -> SENSITIVE.matcher(k).find() && !k.endsWith("_FILE"));
            assertThat(map.getData()).as("no user info in a NATS URL of " + map.getMetadata().getName())
                    .allSatisfy((k, v) -> assertThat(v).doesNotContainPattern("://[^/\\s]*@"));
        }
    }

    /**
     * NATS user/password and token by optional secretKeyRef (a Dynamo NATS usually needs none), creds file, nkey seed
     * and TLS PEM files from the same Secret mounted read-only: never a value in a manifest.
     */
    private static void checkNatsCredentialsOnlyFromTheirSecret(PodSpec pod, Container container) {
        for (String name : List.of("PERFSWEEP_NATS_USERNAME", "PERFSWEEP_NATS_PASSWORD", "PERFSWEEP_NATS_TOKEN")) {
            assertThat(container.getEnv()).as(name).filteredOn(env -> env.getName().equals(name)).singleElement()
                    .satisfies(env -> {
                        assertThat(env.getValue()).isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("perfsweep-nats");
                        assertThat(env.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
                    });
        }
        var mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/var/run/secrets/nats"))
                .findFirst();
        assertThat(mount).as("NATS credential files mounted at /var/run/secrets/nats").isPresent();
        assertThat(mount.get().getReadOnly()).isTrue();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(mount.get().getName())).singleElement()
                .satisfies(v -> {
                    assertThat(v.getSecret().getSecretName()).isEqualTo("perfsweep-nats");
                    assertThat(v.getSecret().getOptional()).isTrue();
                });
    }

    /** workload.file traces live in perfsweep.traces.dir: the optional ConfigMap perfsweep-traces, read-only there. */
    private static void checkTraceFilesMounted(PodSpec pod, Container container) {
        var mount = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/var/lib/perfsweep/traces")).findFirst();
        assertThat(mount).as("trace files mounted at perfsweep.traces.dir's default").isPresent();
        assertThat(mount.get().getReadOnly()).isTrue();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(mount.get().getName())).singleElement()
                .satisfies(v -> {
                    assertThat(v.getConfigMap().getName()).isEqualTo("perfsweep-traces");
                    assertThat(v.getConfigMap().getOptional()).isTrue();
                });
    }

    private static void checkProbe(Probe probe, String path) throws IOException {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(appPort());
    }

    /**
     * {@code kubectl kustomize
     *
    <dir>
     * }, parsed; kubectl renders kustomizations offline.
     */
    private static List<HasMetadata> render(Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize " + dir + ": " + err).isZero();
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    private static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            list.forEach(o -> objects.add((HasMetadata) o));
        } else if (parsed != null) {
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    private static List<String> kinds(List<HasMetadata> objects) {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> matching = all(objects, type);
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    /** {@code quarkus.http.port} of the app: 8080 unless application.properties sets it. */
    private static int appPort() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
    }

    private static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>perfsweep</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
