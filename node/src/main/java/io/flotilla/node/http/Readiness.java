package io.flotilla.node.http;

import io.flotilla.gateway.ShardState;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Whether the node is ready (the answer of {@code /ready}, what a Kubernetes rollout waits for), and why not. A
 * node is ready when it joined its group, does not drain, and every shard the leader's assignment gives it runs
 * here, is READY (identified or resumed) and has received its guilds. A node the assignment gives no shard is ready
 * only once the leader placed every shard (else it is still starting: the leader may be about to give it some). A
 * value; {@link #decide} is pure.
 *
 * @param ready true: answer 200
 * @param reason one short sentence for the body
 * @param shards the owned shards that are not ready, with why (their state, "not started", "guilds pending")
 */
public record Readiness(boolean ready, String reason, SortedMap<Integer, String> shards) {
    public Readiness {
        shards = Collections.unmodifiableSortedMap(new TreeMap<>(shards));
    }

    public static Readiness decide(ReadinessFacts facts) {
        if (!facts.joined()) {
            return notReady("starting: the node has not joined its group yet");
        }
        if (facts.draining()) {
            return notReady("draining: the node hands its shards to other nodes");
        }
        if (facts.owned().isEmpty()) {
            return facts.assigned() >= facts.shardCount()
                    ? new Readiness(true, "ready: the assignment gives this node no shard", new TreeMap<>())
                    : notReady("starting: the leader has placed " + facts.assigned() + " of " + facts.shardCount()
                            + " shards");
        }
        TreeMap<Integer, String> waiting = new TreeMap<>();
        for (int shard : facts.owned()) {
            ShardState state = facts.states().get(shard);
            if (state == null) {
                waiting.put(shard, "not started");
            } else if (state != ShardState.READY) {
                waiting.put(shard, state.name());
            } else if (facts.guildsPending().contains(shard)) {
                waiting.put(shard, "guilds pending");
            }
        }
        if (waiting.isEmpty()) {
            return new Readiness(true, "ready: " + facts.owned().size() + " shards READY", waiting);
        }
        return new Readiness(false, waiting.size() + " of " + facts.owned().size() + " shards not ready", waiting);
    }

    private static Readiness notReady(String reason) {
        return new Readiness(false, reason, new TreeMap<>());
    }
}
