package io.flotilla.worker;

/**
 * Handles one event of one name for a {@link Worker}. Returning acknowledges the event; throwing leaves it
 * pending, so it is delivered again (to this or another consumer of the group) after the worker's reclaim idle
 * time, until it has been delivered {@code maxDeliveries} times and goes to the dead-letter stream with the error.
 *
 * <p>Called on the worker's thread, one event at a time. Delivery is at-least-once: a handler may see an event
 * again after a crash between its start and the acknowledgement, so its effects should be idempotent there.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Event event) throws Exception;
}
