package io.flotilla.bench;

/**
 * What {@link IngestVersusJda} runs in a child JVM of its own against the shared fake stream (a node's data path,
 * JDA's ShardManager, a Redis-only committer): started and warm when constructed, counting what it handled.
 * {@link #count} is read by the child's main thread while the contender's own threads work; it must be safe for
 * that. {@link #close} stops it (closing its gateway sessions with 1000, so the fake ends them).
 */
interface Contender extends AutoCloseable {

    /** Events handled so far: dispatches committed (node, Redis-only) or received and processed (JDA). */
    long count();

    /** A line about what was seen besides the count (events fired, warnings logged), or "" for none. */
    default String note() {
        return "";
    }
}
