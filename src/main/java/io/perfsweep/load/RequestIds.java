package io.perfsweep.load;

import java.util.UUID;

/** Request ids sent as {@code X-Request-ID}: unique, and readable enough to find a benchmark's requests in logs. */
final class RequestIds {

    private RequestIds() {
    }

    static String next(String benchmarkName) {
        return benchmarkName + "-" + UUID.randomUUID();
    }
}
