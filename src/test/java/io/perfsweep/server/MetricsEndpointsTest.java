package io.perfsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MetricsEndpointsTest {

    @Test
    void theTargetsOwnMetricsAreAtItsOriginAsAiperfFindsThem() {
        assertThat(MetricsEndpoints.of("http://frontend:8000/v1", List.of()))
                .containsExactly("http://frontend:8000/metrics");
        assertThat(MetricsEndpoints.of("localhost:8000", List.of())).containsExactly("http://localhost:8000/metrics");
    }

    @Test
    void extraEndpointsGetASchemeAndAPathWhenTheyHaveNoneAndDuplicatesGo() {
        assertThat(MetricsEndpoints.of("http://frontend:8000", List.of("worker:8081", "https://dcgm:9400/",
                "http://trt:8000/prometheus/metrics", "frontend:8000")))
                .containsExactly("http://frontend:8000/metrics", "http://worker:8081/metrics",
                        "https://dcgm:9400/metrics", "http://trt:8000/prometheus/metrics");
    }
}
