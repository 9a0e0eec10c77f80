package io.perfsweep.metrics;

/**
 * Why a request failed, in AIPerf's {@code error} shape.
 *
 * @param code HTTP status, or 0 when the failure happened before or outside HTTP (connect, timeout, parse)
 * @param type failure class, e.g. {@code CONNECT}, {@code TIMEOUT}, {@code HTTP_STATUS}, {@code STREAM_PARSE},
 *        {@code CANCELLED}, {@code EMPTY_RESPONSE}, {@code INCOMPLETE}
 * @param message short human-readable detail, at most 200 characters
 */
public record RequestError(int code, String type, String message) {
}
