package io.perfsweep.mock;

/** A request the mock rejects with HTTP 400 and an OpenAI-style error body. */
final class MockRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String param;

    MockRequestException(String message, String param) {
        super(message);
        this.param = param;
    }

    /** The offending request field, or null. */
    String param() {
        return param;
    }
}
