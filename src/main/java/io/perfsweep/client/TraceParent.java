package io.perfsweep.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The W3C Trace Context {@code traceparent} header sent with every request beside {@code X-Request-ID}, so a server's
 * traces (OpenTelemetry in vLLM, SGLang, Dynamo) join the client's records per request. It is derived from the request
 * id alone, so anyone holding a record can compute the trace to look for: a request id ending in a UUID (perfsweep's
 * own, {@code <benchmark>-<uuid>}) gives that UUID's 32 hex digits as the trace id; any other id gives the first 16
 * bytes of its SHA-256. The parent span id is the next 8 bytes of the id's SHA-256; the trace is marked sampled.
 */
public final class TraceParent {

    private static final HexFormat HEX = HexFormat.of();
    private static final int UUID_LENGTH = 36;

    private TraceParent() {
    }

    /** The {@code traceparent} value of {@code requestId}: {@code 00-<trace id>-<span id>-01}. */
    public static String of(String requestId) {
        byte[] digest = sha256(requestId);
        String traceId = uuidSuffix(requestId);
        if (traceId == null) {
            traceId = HEX.formatHex(digest, 0, 16);
        }
        String spanId = HEX.formatHex(digest, 16, 24);
        if (spanId.equals("0000000000000000")) {
            spanId = "0000000000000001"; // all zeros is invalid; a 2^-64 case, kept valid
        }
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** The trace id part of {@link #of}: what to search a tracing backend for. */
    public static String traceId(String requestId) {
        return of(requestId).substring(3, 35);
    }

    private static String uuidSuffix(String requestId) {
        if (requestId.length() < UUID_LENGTH) {
            return null;
        }
        String tail = requestId.substring(requestId.length() - UUID_LENGTH);
        try {
            UUID uuid = UUID.fromString(tail);
            String hex = uuid.toString().replace("-", "");
            return hex.equals("00000000000000000000000000000000") || !tail.equalsIgnoreCase(uuid.toString()) ? null
                    : hex;
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
