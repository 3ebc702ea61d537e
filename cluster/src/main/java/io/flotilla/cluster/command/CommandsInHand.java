package io.flotilla.cluster.command;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The command entries a {@link CommandReader} has taken in hand and not yet settled, per shard, and the shards it
 * may take entries of. Taking an entry and changing the shards exclude each other, so once {@link #assign} dropped
 * a shard no entry of it is taken any more (a hand-off can wait for what was taken before, {@link #settled}), and
 * an entry read twice (the stream read again from its start, {@link #rewindsDue}) is taken once.
 *
 * <p>Thread-safe: the reader's thread takes entries, shards' threads and Redis's settle them, the host assigns.
 */
final class CommandsInHand {
    private final Object lock = new Object();
    private volatile Set<Integer> shards = Set.of();
    private final Map<Integer, Map<String, CompletableFuture<Void>>> held = new ConcurrentHashMap<>();
    /** Shards whose stream is read again from its start (a command of a shard still here was not sent), and when. */
    private final Map<Integer, Instant> rewinds = new ConcurrentHashMap<>();

    void assign(Set<Integer> running) {
        synchronized (lock) {
            shards = Set.copyOf(running);
        }
    }

    Set<Integer> shards() {
        return shards;
    }

    /** Takes the entry in hand, or null: the shard is not (or no longer) this node's, or the entry is taken. */
    @Nullable
    CompletableFuture<Void> take(int shard, String id) {
        synchronized (lock) {
            if (!shards.contains(shard)) {
                return null;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            return held.computeIfAbsent(shard, s -> new ConcurrentHashMap<>()).putIfAbsent(id, done) == null
                    ? done
                    : null;
        }
    }

    /** The entry is settled (deleted, rejected or left for another owner). */
    void settle(int shard, String id, CompletableFuture<Void> done) {
        held.getOrDefault(shard, Map.of()).remove(id, done);
        done.complete(null);
    }

    /** Completes once every entry of the shard taken so far is settled, or after {@code bound}; never fails. */
    CompletionStage<Void> settled(int shard, Duration bound) {
        return CompletableFuture.allOf(
                        held.getOrDefault(shard, Map.of()).values().toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, bound.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> null);
    }

    /** Reads the shard's stream again from its start at {@code due}, if the shard still runs here then. */
    void rewindLater(int shard, Instant due) {
        if (shards.contains(shard)) {
            rewinds.putIfAbsent(shard, due);
        }
    }

    /** The shards whose stream is to be read again from its start now (each returned once per rewind). */
    Set<Integer> rewindsDue(Instant now) {
        Set<Integer> due = new HashSet<>();
        rewinds.forEach((shard, at) -> {
            if (!at.isAfter(now) && rewinds.remove(shard, at) && shards.contains(shard)) {
                due.add(shard);
            }
        });
        return due;
    }

    int count(int shard) {
        return held.getOrDefault(shard, Map.of()).size();
    }
}
