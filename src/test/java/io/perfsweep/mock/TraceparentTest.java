package io.perfsweep.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mock records a request's trace id as a tracing server would: only from a valid W3C traceparent. */
class TraceparentTest {

    @Test
    void onlyAValidVersion00TraceparentGivesATraceId() {
        assertThat(MockHttpHandler.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MockHttpHandler.traceId(null)).isNull();
        assertThat(MockHttpHandler.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(MockHttpHandler.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
        assertThat(MockHttpHandler.traceId("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isNull();
        assertThat(MockHttpHandler.traceId("garbage")).isNull();
    }
}
