package io.perfsweep.client;

/**
 * Why one request failed.
 *
 * @param kind failure class
 * @param httpStatus HTTP status when the server answered, else 0
 * @param message short detail, capped at {@value #MAX_MESSAGE_CHARS} characters
 */
public record Failure(ErrorKind kind, int httpStatus, String message) {

    public static final int MAX_MESSAGE_CHARS = 200;

    public Failure {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        message = cap(message == null ? "" : message);
    }

    public static Failure of(ErrorKind kind, String message) {
        return new Failure(kind, 0, message);
    }

    static String cap(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS);
    }
}
