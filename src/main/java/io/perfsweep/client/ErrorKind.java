package io.perfsweep.client;

/** Why a streamed request failed; failures are data, never exceptions. */
public enum ErrorKind {
    /** The connection could not be opened, or broke before the response was complete. */
    CONNECT,
    /** No bytes for the idle timeout, or the whole request took longer than the request timeout. */
    TIMEOUT,
    /** The server answered with a non-2xx status. */
    HTTP_STATUS,
    /** The stream carried data that is not an OpenAI chunk (non-JSON, or an in-stream error object). */
    STREAM_PARSE,
    /** Cancelled through its handle or by closing the client. */
    CANCELLED,
    /** A 2xx stream ended without a single content-bearing chunk. */
    EMPTY_RESPONSE,
    /**
     * A 2xx stream ended cleanly with content but without {@code data: [DONE]}, which an OpenAI-compatible server sends
     * last on every stream: the answer may be cut short (a proxy or a server that dropped the request), so its tokens
     * and timings are not known to be a whole answer, even when a finish reason came.
     */
    INCOMPLETE
}
