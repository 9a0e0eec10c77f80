package io.perfsweep.metrics;

/**
 * Time one request spent obtaining a connection (AIPerf's HTTP trace metric {@code http_req_connection_overhead} =
 * blocked + DNS + connecting): the wait for a pooled connection plus, for a new one, TCP connect and TLS.
 * <p>
 * Formula: connection handed over − {@code sentNanos}. Unit: nanoseconds (shown in ms). Always defined, zero when no
 * connection was obtained. It is already inside TTFT and request latency, which start at {@code sentNanos} as AIPerf's
 * do; it is reported on its own so a slow accept or an exhausted pool is visible instead of hidden in TTFT.
 */
public final class ConnectionOverhead {

    private ConnectionOverhead() {
    }

    public static long nanos(RequestRecord record) {
        return record.connectionOverheadNanos();
    }
}
