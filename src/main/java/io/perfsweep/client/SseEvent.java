package io.perfsweep.client;

/**
 * One dispatched server-sent event.
 *
 * @param data the {@code data:} lines of the event joined with {@code \n}
 * @param arrivalNanos arrival time of the network chunk that held the event's first byte
 */
public record SseEvent(String data, long arrivalNanos) {
}
