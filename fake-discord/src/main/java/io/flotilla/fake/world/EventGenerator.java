package io.flotilla.fake.world;

/**
 * Produces a realistic stream of events for the guilds of one shard: mostly MESSAGE_CREATE, with a mix of
 * typing, reactions, message updates and deletes, presence, member, role, channel, thread and guild changes,
 * each consistent with the world it changes (a removed member is gone, a message's channel exists).
 *
 * <p>Not thread-safe: one per shard, driven by one thread at a time. The world it changes is thread-safe.
 *
 * <p>CONTRACT (fake-discord server code relies on exactly this signature).
 */
public final class EventGenerator {

    /** Changes the world once and returns the dispatch that describes the change. */
    public Dispatch next() {
        throw new UnsupportedOperationException("not built yet");
    }
}
