package io.flotilla.gateway;

/**
 * A shard refused a command because its send queue is full: commands arrive faster than Discord's 120 per 60 s
 * allows. Unlike every other way {@link Shard#send} can fail (the shard stops, hands off, loses its connection),
 * this one is about the command stream itself, so the caller records it as refused instead of leaving it for a
 * later try.
 */
public final class CommandQueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CommandQueueFullException(int capacity) {
        super("command queue is full (" + capacity + " waiting): commands are coming faster than Discord's 120 per"
                + " 60 s allows; slow down");
    }
}
