/**
 * Streaming OpenAI-compatible client: sends chat/completions requests over Vert.x and records every
 * content-bearing SSE event at the {@link java.lang.System#nanoTime()} of its first byte, as AIPerf does.
 * Failures are data ({@link io.perfsweep.client.Failure}); nothing here depends on the metrics package.
 */
package io.perfsweep.client;
