package io.perfsweep.mock;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * vLLM's {@code --api-key}: every {@code /v1/} request must carry {@code Authorization: Bearer <key>}, else 401. Lets
 * the mock stand in for a protected endpoint, and proves that a client really sent the key.
 */
final class ApiKeyGate implements Handler<HttpServerRequest> {

    private final String expectedAuthorization;
    private final Handler<HttpServerRequest> next;

    ApiKeyGate(String apiKey, Handler<HttpServerRequest> next) {
        this.expectedAuthorization = "Bearer " + apiKey;
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.path().startsWith("/v1/") && !expectedAuthorization.equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(ChunkFormat.error("invalid or missing API key", "authentication_error", null, 401));
            return;
        }
        next.handle(request);
    }
}
