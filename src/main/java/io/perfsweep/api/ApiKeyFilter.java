package io.perfsweep.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.perfsweep.config.PerfsweepConfig;

/**
 * Mutating API calls need an API key ({@code Authorization: Bearer <key>} or {@code X-API-Key}); reads stay open so
 * dashboards and people can look. Keys are compared in constant time.
 */
public class ApiKeyFilter {

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    PerfsweepConfig config;

    @ServerRequestFilter
    public Response requireKey(ContainerRequestContext request) {
        var api = config.api();
        if (!api.authEnabled() || !MUTATING.contains(request.getMethod())
                || !request.getUriInfo().getPath().startsWith("/api")) {
            return null;
        }
        String presented = presentedKey(request);
        List<String> keys = api.keys().orElse(List.of());
        if (presented != null && keys.stream().anyMatch(key -> constantTimeEquals(key, presented))) {
            return null;
        }
        String message = keys.isEmpty() ? "no API key is configured (perfsweep.api.keys), so changes are refused"
                : "an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>";
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ApiError("unauthorized", 401, message, List.of())).build();
    }

    private static String presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getHeaderString("X-API-Key");
    }

    private static boolean constantTimeEquals(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
