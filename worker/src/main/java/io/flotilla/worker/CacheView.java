package io.flotilla.worker;

import java.util.Map;
import java.util.Optional;

/**
 * Read access to the entity cache, whatever holds it (Redis, or the node's memory in {@code memory} mode).
 * Documents are JSON as ARCHITECTURE.md lays them out: a guild with {@code channels}, {@code roles},
 * {@code threads}, {@code emojis} and {@code stickers} embedded; a member whose {@code user} is the user's id;
 * a user stored once for all guilds.
 *
 * <p>Implementations are thread-safe. Reads may trail the gateway by one batch.
 */
public interface CacheView {

    /** The guild's JSON, or empty when it is not cached. */
    Optional<String> guild(String guildId);

    /** The member's JSON, or empty. */
    Optional<String> member(String guildId, String userId);

    /** Every cached member of the guild: user id → member JSON. Empty when none. */
    Map<String, String> members(String guildId);

    /** The user's JSON, or empty. */
    Optional<String> user(String userId);
}
