package io.flotilla.node;

/**
 * Something no retry fixes (the bot token was rejected, every shard failed with an application-wide close such as
 * 4004, the cluster runs another shard count): the node stops and {@link Main} exits with 1, printing the message,
 * which names the cause and the fix.
 */
public final class FatalNodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FatalNodeException(String message) {
        super(message);
    }
}
