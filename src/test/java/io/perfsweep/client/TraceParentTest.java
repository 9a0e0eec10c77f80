package io.perfsweep.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void aPerfsweepRequestIdGivesItsUuidAsTheTraceId() {
        String header = TraceParent.of("demo-c8-3f2b1c4e-9a7d-4e21-8b5f-0c1d2e3f4a5b");

        assertThat(header).matches("00-3f2b1c4e9a7d4e218b5f0c1d2e3f4a5b-[0-9a-f]{16}-01");
        assertThat(TraceParent.traceId("demo-c8-3f2b1c4e-9a7d-4e21-8b5f-0c1d2e3f4a5b"))
                .isEqualTo("3f2b1c4e9a7d4e218b5f0c1d2e3f4a5b");
    }

    @Test
    void anyOtherIdGivesAStableValidHeaderOfItsOwn() {
        String header = TraceParent.of("req-42");

        assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").isEqualTo(TraceParent.of("req-42"))
                .isNotEqualTo(TraceParent.of("req-43"));
        assertThat(header.substring(3, 35)).isNotEqualTo("0".repeat(32));
    }
}
