package io.perfsweep.load;

import io.perfsweep.metrics.RequestRecord;
import io.perfsweep.server.Scrape;

/** Progress of a sweep, for consoles, meters and stores. Callbacks must be cheap: some run on the event loop. */
public interface SweepListener {

    SweepListener NONE = new SweepListener() {
    };

    /** A point starts its warm-up. */
    default void pointStarted(LoadPoint point, int index, int pointCount) {
    }

    /** The measured phase of a point begins: warm-up is over and prompts are ready. */
    default void measurementStarted(LoadPoint point) {
    }

    /** The measured phase of a point ended: every request finished; summarising has not started. */
    default void measurementFinished(LoadPoint point) {
    }

    /** A measured request is about to be sent (on the sweep's thread or a client event loop). */
    default void requestSent(LoadPoint point) {
    }

    /**
     * A measured request finished (on the client's event loop), with its timings, its input tokens and its error.
     * The client-tokenizer counts ({@code outputTokens}, {@code reasoningTokens}) are null here: tokenizing stays off
     * the measuring path, so they are known only in {@link #pointCompleted}'s records. Called before
     * {@link #requestCompleted} for the same request.
     */
    default void requestFinished(LoadPoint point, RequestRecord untokenized) {
    }

    /** A measured request finished (on the client's event loop). */
    default void requestCompleted(LoadPoint point, int completed, boolean ok) {
    }

    /**
     * The target's metrics endpoint answered a scrape during {@code point} (on the scraper's own thread, never the
     * measuring path's; warm-up included).
     */
    default void serverScraped(LoadPoint point, Scrape scrape) {
    }

    /** A point finished and was summarised. */
    default void pointCompleted(PointResult result, int index, int pointCount) {
    }
}
