package io.perfsweep.client;

/** Which OpenAI-compatible streaming endpoint to call. */
public enum EndpointKind {
    CHAT("/v1/chat/completions"),
    COMPLETIONS("/v1/completions");

    private final String path;

    EndpointKind(String path) {
        this.path = path;
    }

    /** Path below the base URL, starting with {@code /v1}. */
    public String path() {
        return path;
    }
}
