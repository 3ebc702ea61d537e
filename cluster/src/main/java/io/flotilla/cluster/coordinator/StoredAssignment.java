package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.assign.Assignment;
import io.flotilla.cluster.lease.LeaderTerm;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The assignment as the leader keeps it in Redis ({@code g:cluster:<group>:assignment}: field the shard id in decimal,
 * value {@code <node>:<epoch>} as {@link io.flotilla.cluster.lease.FencedHash} writes it), parsed. Fields that are not
 * a shard of the cluster (not a number, negative, at or above the shard count) or whose value is not
 * {@code <node>:<epoch>} are kept aside as {@link #invalid} so the leader can delete them. A value.
 *
 * @param assignment shard → node
 * @param epochs shard → the epoch of the leader that wrote the entry
 * @param invalid fields to delete
 */
public record StoredAssignment(Assignment assignment, Map<Integer, Long> epochs, SortedSet<String> invalid) {
    /** Nothing stored. */
    public static final StoredAssignment EMPTY = new StoredAssignment(Assignment.EMPTY, Map.of(), new TreeSet<>());

    public StoredAssignment {
        epochs = Collections.unmodifiableMap(new TreeMap<>(epochs));
        invalid = Collections.unmodifiableSortedSet(new TreeSet<>(invalid));
    }

    /** The hash as {@code HGETALL} returned it, for a cluster of {@code shardCount} shards. */
    public static StoredAssignment parse(Map<String, String> hash, int shardCount) {
        TreeMap<Integer, String> byShard = new TreeMap<>();
        TreeMap<Integer, Long> epochs = new TreeMap<>();
        TreeSet<String> invalid = new TreeSet<>();
        hash.forEach((field, value) -> {
            Optional<Integer> shard = shardOf(field, shardCount);
            Optional<LeaderTerm> entry = LeaderTerm.parse(value);
            if (shard.isPresent() && entry.isPresent()) {
                byShard.put(shard.get(), entry.get().nodeId());
                epochs.put(shard.get(), entry.get().epoch());
            } else {
                invalid.add(field);
            }
        });
        return new StoredAssignment(new Assignment(byShard), epochs, invalid);
    }

    /** The hash field of a shard. */
    public static String field(int shard) {
        return Integer.toString(shard);
    }

    private static Optional<Integer> shardOf(String field, int shardCount) {
        try {
            int shard = Integer.parseInt(field);
            return shard >= 0 && shard < shardCount && field.equals(Integer.toString(shard))
                    ? Optional.of(shard)
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
