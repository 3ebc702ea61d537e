package io.flotilla.cluster.command;

/**
 * The failure a {@link CommandTarget} gives a command that must not be sent at all (its shard's send queue is full,
 * it cannot be encoded): the reader records it in {@code g:command:rejected} with this message. Any other failure
 * means only that this node did not send it (the shard stopped, handed off or lost its connection first), and the
 * entry stays in its stream for a later try or the shard's next owner.
 */
public final class CommandRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    public CommandRefusedException(String message) {
        super(message);
    }
}
