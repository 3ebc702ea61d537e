package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.LeaderTerm;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's shard count as its leader wrote it to {@code g:cluster:<group>:config}: field {@code shard_count},
 * value {@code <count>:<epoch>} (written through {@link io.flotilla.cluster.lease.FencedHash}, so the suffix is the
 * epoch of the leader that wrote it and an older leader cannot overwrite it). A value.
 *
 * @param count the cluster's shard count
 * @param epoch the epoch of the leader that wrote it
 */
public record StoredShardCount(int count, long epoch) {
    /** The hash field. */
    public static final String FIELD = "shard_count";

    /** What the config hash says, or empty when it holds no valid shard count. */
    public static Optional<StoredShardCount> parse(Map<String, String> config) {
        String value = config.get(FIELD);
        if (value == null) {
            return Optional.empty();
        }
        // "<count>:<epoch>" has the shape of a term whose "node" is the count.
        return LeaderTerm.parse(value).flatMap(term -> {
            try {
                int count = Integer.parseInt(term.nodeId());
                return count >= 1 ? Optional.of(new StoredShardCount(count, term.epoch())) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
