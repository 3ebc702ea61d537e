package io.flotilla.node.http;

import io.flotilla.gateway.ShardState;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link Readiness} decides from, as the node knows it now. A value.
 *
 * @param joined the node joined its group (its coordinator ran a round)
 * @param draining the node drains (a stop, or the admin API): it must not look ready
 * @param shardCount the cluster's shard count
 * @param assigned how many shards the leader's assignment places (on any node)
 * @param owned the shards the assignment gives this node
 * @param states the state of each shard running here
 * @param guildsPending the running shards whose guilds have not all arrived since their READY
 */
public record ReadinessFacts(
        boolean joined,
        boolean draining,
        int shardCount,
        int assigned,
        SortedSet<Integer> owned,
        Map<Integer, ShardState> states,
        Set<Integer> guildsPending) {

    public ReadinessFacts {
        owned = Collections.unmodifiableSortedSet(new TreeSet<>(owned));
        states = Collections.unmodifiableMap(new TreeMap<>(states));
        guildsPending = Set.copyOf(guildsPending);
    }

    /** A node that has not joined yet (its HTTP server answers before Redis and Discord do). */
    public static ReadinessFacts starting() {
        return new ReadinessFacts(false, false, 0, 0, new TreeSet<>(), Map.of(), Set.of());
    }
}
