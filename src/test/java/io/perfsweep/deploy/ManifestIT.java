package io.perfsweep.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The committed manifests in {@code k8s/} are what the build generates, and they deploy what the app serves: probes
 * on its health endpoints, its HTTP port, Prometheus scraping of {@code /q/metrics}, non-root. Runs after
 * {@code package}, when {@code target/kubernetes/} exists.
 */
class ManifestIT {

    private static final Path GENERATED = Path.of("target", "kubernetes", "kubernetes.yml");
    private static final Path COMMITTED = Path.of("k8s", "base", "perfsweep.yml");

    @Test
    void committedManifestsMatchTheGeneratedOnes() throws IOException {
        String committed = Files.readString(COMMITTED);
        String withoutBanner = committed.substring(committed.indexOf('\n') + 1);

        assertThat(withoutBanner).as("regenerate k8s/base/perfsweep.yml from target/kubernetes/kubernetes.yml")
                .isEqualTo(Files.readString(GENERATED));
    }

    @Test
    void deploymentProbesPortsAndSecurityFitTheApp() throws IOException {
        List<HasMetadata> resources = parse(COMMITTED);
        Deployment deployment = only(resources, Deployment.class);
        Service service = only(resources, Service.class);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getPorts()).anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);
        assertThat(service.getMetadata().getAnnotations()).containsEntry("prometheus.io/path", "/q/metrics");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("QUARKUS_HTTP_HOST");
            assertThat(env.getValue()).isEqualTo("0.0.0.0");
        });
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getImage()).isEqualTo("ghcr.io/perfsweep/perfsweep:0.1.0-SNAPSHOT");
    }

    private static List<HasMetadata> parse(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new KubernetesSerialization().unmarshal(in);
        }
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> resources, Class<T> type) {
        var matching = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
