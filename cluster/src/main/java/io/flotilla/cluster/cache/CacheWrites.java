package io.flotilla.cluster.cache;

import java.util.Map;
import java.util.Set;

/**
 * What one shard's batch changes in the cache, computed before the batch's transaction: in this order, wipe
 * every key of the shard (a new session), delete the member hashes of purged guilds, then set and delete guild
 * and member documents. User documents are partial and merged, never replaced, ahead of the transaction.
 *
 * @param wipe a READY (new session) was in the batch: delete every {@code g:cache:<shard>:*} key first
 * @param clearedMemberGuilds guilds whose whole member hash goes
 * @param guildPuts guild id → new guild JSON
 * @param guildDeletes guild ids removed from the guild hash
 * @param memberPuts guild id → (user id → member JSON)
 * @param memberDeletes guild id → user ids removed
 * @param users user id → user JSON (possibly partial) to merge into the global user hash
 */
public record CacheWrites(
        boolean wipe,
        Set<String> clearedMemberGuilds,
        Map<String, byte[]> guildPuts,
        Set<String> guildDeletes,
        Map<String, Map<String, byte[]>> memberPuts,
        Map<String, Set<String>> memberDeletes,
        Map<String, byte[]> users) {

    static final CacheWrites NONE = new CacheWrites(false, Set.of(), Map.of(), Set.of(), Map.of(), Map.of(), Map.of());

    /** True when the batch changes nothing in the cache. */
    public boolean isEmpty() {
        return !wipe
                && clearedMemberGuilds.isEmpty()
                && guildPuts.isEmpty()
                && guildDeletes.isEmpty()
                && memberPuts.isEmpty()
                && memberDeletes.isEmpty()
                && users.isEmpty();
    }

    /** Only the shard-owned part is empty (users may still need merging). */
    boolean shardPartIsEmpty() {
        return !wipe
                && clearedMemberGuilds.isEmpty()
                && guildPuts.isEmpty()
                && guildDeletes.isEmpty()
                && memberPuts.isEmpty()
                && memberDeletes.isEmpty();
    }
}
