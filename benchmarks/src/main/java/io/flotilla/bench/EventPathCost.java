package io.flotilla.bench;

import java.util.List;
import java.util.Locale;

/**
 * The event path's Redis CPU at internet scale, from per-event costs measured on this machine: Redis CPU-seconds
 * per event committed by a node (IngestVersusJda, compression none: the Redis column over committed events/s) and
 * per event read and acknowledged by one consumer group (WorkerConsume: Redis's CPU over the events consumed). A
 * model, not a run: its inputs are named with the run they come from, and {@link #table} says at which event rate
 * one Redis primary (one core for commands) is no longer enough. Stateless.
 */
final class EventPathCost {
    /** Redis CPU-µs per committed event, cache off: 0.84 CPU at 71,261 events/s (ingest-versus-jda, 2026-12-01). */
    static final double INGEST_CACHE_OFF = 11.8;
    /** The same with the Redis cache: 0.73 CPU at 46,772 events/s (same run). */
    static final double INGEST_CACHE_ON = 15.6;
    /** Per event one consumer group reads and acknowledges: 1.79 CPU-s for 200,000 (worker-consume, dedup off). */
    static final double CONSUME = 8.95;
    /** The same with group-wide de-duplication (a record written per event): 5.27 CPU-s for 200,000. */
    static final double CONSUME_DEDUP = 26.4;
    /** Of its one core for commands, what a primary may use in steady state: headroom for bursts, replays, AOF. */
    static final double USABLE = 0.7;

    private record Mix(String name, double microsPerEvent) {}

    private static final List<Mix> MIXES = List.of(
            new Mix("cache off, 1 consumer group", INGEST_CACHE_OFF + CONSUME),
            new Mix("Redis cache, 1 consumer group", INGEST_CACHE_ON + CONSUME),
            new Mix("Redis cache, 1 group with de-duplication", INGEST_CACHE_ON + CONSUME_DEDUP),
            new Mix("Redis cache, 3 consumer groups", INGEST_CACHE_ON + 3 * CONSUME));

    private static final List<Integer> RATES = List.of(5_000, 10_000, 20_000, 50_000, 100_000);

    private EventPathCost() {}

    static void table(StringBuilder out) {
        out.append(String.format(
                Locale.ROOT,
                "**Event path, Redis CPU at a given event rate** (a model from per-event costs measured on this"
                        + " machine: a node commits an event for %.1f Redis CPU-µs with the cache off, %.1f with the"
                        + " Redis cache; a consumer group reads and acknowledges it for %.2f, %.1f with group-wide"
                        + " de-duplication). Cells: the share of one Redis core; one primary is taken as enough up"
                        + " to %.0f %%.%n%n| events/s (whole bot) |",
                INGEST_CACHE_OFF,
                INGEST_CACHE_ON,
                CONSUME,
                CONSUME_DEDUP,
                100 * USABLE));
        MIXES.forEach(mix -> out.append(' ').append(mix.name()).append(" |"));
        out.append("\n|---:|");
        MIXES.forEach(mix -> out.append("---:|"));
        out.append('\n');
        for (int rate : RATES) {
            out.append(String.format(Locale.ROOT, "| %,d |", rate));
            for (Mix mix : MIXES) {
                double share = rate * mix.microsPerEvent() / 1e6;
                out.append(String.format(Locale.ROOT, " %.0f %%%s |", 100 * share, share > USABLE ? " (over)" : ""));
            }
            out.append('\n');
        }
        out.append("| **one primary's limit** |");
        for (Mix mix : MIXES) {
            out.append(String.format(Locale.ROOT, " **%,.0f events/s** |", USABLE * 1e6 / mix.microsPerEvent()));
        }
        out.append(String.format(
                Locale.ROOT,
                "%n%nEvery committed event also costs Redis memory until it is trimmed: at 20,000 events/s of about 1"
                        + " KB, %.0f GB per hour of stream, so a bot this size sets STREAM_MAXLEN to what its workers"
                        + " may lag behind. Past one primary: the partitioned layout of ARCHITECTURE.md (\"Past one Redis"
                        + " primary\": everything a shard's batch touches under one hash tag) spreads the shards over"
                        + " a Redis Cluster; the node CPU is not the limit (%.0f node CPUs for 100,000 events/s with the"
                        + " cache on, at 62,000 events per node CPU-second).%n",
                20_000.0 * 1024 * 3600 / 1e9,
                100_000 / 62_000.0));
    }
}
