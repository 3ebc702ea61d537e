package io.flotilla.bench;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One cold start of {@link FailoverBenchmark}'s cluster, timed: every node process started at once against a Redis
 * without any cluster state, until the fake Discord saw every shard READY. The times come from the fake's log, so
 * they are what Discord would see. One benchmark thread.
 */
final class ColdStartRun {
    /** How long a cold start took, measured from three points, against the ideal ceil(N/M) x 5 s. */
    record Times(String label, Duration fromStart, Duration fromPlan, Duration identifying, double idealSeconds) {
        /** How far over (positive) or under the ideal the time from the first process's start is, in percent. */
        double overIdeal() {
            return 100.0 * (fromStart.toMillis() / 1000.0 - idealSeconds) / idealSeconds;
        }
    }

    private ColdStartRun() {}

    /**
     * Starts {@code names} together and waits for every shard READY.
     *
     * @param label what this run is, for the report ("no class archive", say)
     */
    static Times measure(
            String label,
            NodeFleet fleet,
            List<String> names,
            RedisCommands<String, String> redis,
            Keys keys,
            FakeDiscord fake,
            int shards,
            int maxConcurrency)
            throws Exception {
        Instant started = Instant.now();
        for (String name : names) {
            fleet.start(name);
        }
        Poll.until("the leader's first assignment", () -> redis.hlen(keys.assignment()) > 0);
        Instant planned = Instant.now();
        Poll.until("every shard READY", () -> readySince(fake, started).size() == shards);
        List<Instant> ready = readySince(fake, started).stream().sorted().toList();
        Instant last = ready.getLast();
        return new Times(
                label,
                Duration.between(started, last),
                Duration.between(planned, last),
                Duration.between(ready.getFirst(), last),
                Math.ceil((double) shards / maxConcurrency) * 5);
    }

    /** The first READY of each shard after {@code since}. */
    private static List<Instant> readySince(FakeDiscord fake, Instant since) {
        return fake.log().identifies().stream()
                .filter(identify ->
                        identify.outcome().equals("READY") && identify.at().isAfter(since))
                .collect(java.util.stream.Collectors.toMap(
                        IdentifyRecord::shardId, IdentifyRecord::at, (a, b) -> a.isBefore(b) ? a : b))
                .values()
                .stream()
                .toList();
    }
}
