package io.flotilla.node;

import io.flotilla.cluster.endtoend.CommittedEvents;
import io.flotilla.cluster.endtoend.StreamsMatchFake;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import io.flotilla.fake.FakeLog;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.SessionEnd;
import io.flotilla.protocol.Intents;
import io.flotilla.worker.RedisCacheReader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The soak's checker, run once the faults ended and every shard is READY again: compares what the fake Discord did
 * with what Redis holds and returns every broken promise as a line (empty: all kept).
 *
 * <ul>
 *   <li>the event streams equal the fake's log by (shard, session, seq), once each, except after gap records, which
 *       equal the fake's lossy session ends one for one ({@link StreamsMatchFake});
 *   <li>never two live connections for one shard;
 *   <li>no protocol violation by any node (the fake closes a connection for each);
 *   <li>identifies per bucket never closer than the identify window, and every identify accounted for: the first of
 *       each shard, or one after a session the fake ended;
 *   <li>the workers handled every event, and a repeat only where de-duplication allows one ({@link WorkerChecks});
 *   <li>each command the worker sent was received once or rejected once with a reason, received twice only when
 *       the node that sent it was stopped without warning just after ({@link CommandChecks});
 *   <li>the entity cache equals the fake's world ({@link CacheChecks}).
 * </ul>
 */
final class SoakChecks {
    private SoakChecks() {}

    /** The broken promises, plus a summary line of what was checked as the last element. */
    static List<String> check(NodeCluster cluster, Soak soak) throws Exception {
        List<String> problems = new ArrayList<>();
        FakeLog log = cluster.fake.log();
        long[] checked = {0};
        RedisClient client = RedisClient.create(soak.redis.uri().toString());
        List<StreamsMatchFake.Gap> gaps;
        List<String> figures = new ArrayList<>();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            // First the commands: once each has its outcome, no answer (GUILD_MEMBERS_CHUNK) is still on its way.
            soak.workers().stopCommands();
            CommandChecks.Result commands = CommandChecks.within(
                    new CommandChecks.Inputs(
                            soak.workers(),
                            log,
                            connection.sync(),
                            cluster.keys,
                            cluster.shardCount,
                            soak.losses(),
                            soak.stops(),
                            soak.partitions()),
                    Duration.ofSeconds(30));
            QuietCluster quiet = new QuietCluster(
                    cluster,
                    new ClusterSnapshotReader(
                            connection, cluster.keys, InstantSource.system(), 0, Duration.ofSeconds(2)));
            quiet.await(Duration.ofSeconds(90)).ifPresent(problems::add);
            Map<Integer, String> leases = quiet.leases();
            CommittedEvents committed = CommittedEvents.read(connection.sync(), cluster.keys);
            gaps = StreamsMatchFake.gaps(connection.sync(), cluster.keys);
            String difference = StreamsMatchFake.difference(log, committed, gaps, checked);
            if (difference != null) {
                problems.add("streams differ from the fake's log: " + difference);
            }
            WorkerChecks.Result handled = WorkerChecks.check(
                    soak.workers(), committed, cluster.shardCount, soak.losses(), Duration.ofSeconds(60));
            CacheChecks.Result cache = CacheChecks.check(
                    cluster.fake.world(),
                    new RedisCacheReader(connection, cluster.keys, cluster.shardCount),
                    cluster.shardCount,
                    gaps,
                    StreamUsers.read(connection.sync(), cluster.keys));
            Map<Integer, String> after = quiet.leases();
            if (!after.equals(leases)) {
                problems.add("leases moved while the checker read Redis: " + leases + " then " + after);
            }
            for (var part : List.of(handled.problems(), commands.problems(), cache.problems())) {
                problems.addAll(part);
            }
            figures.addAll(List.of(handled.summary(), commands.summary(), cache.summary()));
        } finally {
            client.shutdown();
        }
        for (int shard = 0; shard < cluster.shardCount; shard++) {
            if (log.maxConcurrentConnections(shard) > 1) {
                problems.add("shard " + shard + " had " + log.maxConcurrentConnections(shard) + " live connections");
            }
        }
        log.violations().forEach(violation -> problems.add("protocol violation: " + violation));
        problems.addAll(identifyProblems(log, cluster.shardCount, gaps));
        long sessionEnds = log.sessionEnds().size();
        problems.add(String.format(
                java.util.Locale.ROOT,
                "checked %,d events; %d identifies (a session each), %d resumes, %d sessions ended by the fake, %d gap"
                        + " records (%d of them of an identify never committed); every shard READY %.1f s after the last fault (bound 120 s); %s; faults %s",
                checked[0],
                log.identifies().size(),
                log.resumes().size(),
                sessionEnds,
                gaps.size(),
                gaps.stream().filter(StreamsMatchFake.Gap::unknownSession).count(),
                soak.recovery().toMillis() / 1000.0,
                String.join("; ", figures),
                soak.counts()));
        return problems;
    }

    private static List<String> identifyProblems(FakeLog log, int shardCount, List<StreamsMatchFake.Gap> gaps) {
        List<String> problems = new ArrayList<>();
        List<IdentifyRecord> identifies = log.identifies().stream()
                .filter(identify -> identify.outcome().equals("READY"))
                .sorted(Comparator.comparing(IdentifyRecord::at))
                .toList();
        // The cache is compared with the fake's whole world: a session without the member intents never hears of a
        // member leaving, so that comparison would be meaningless (the soak's first cache findings were exactly that).
        long needed = Intents.GUILD_MEMBERS | Intents.GUILD_PRESENCES;
        identifies.stream()
                .filter(identify -> (identify.intents() & needed) != needed)
                .findFirst()
                .ifPresent(identify -> problems.add("shard " + identify.shardId() + " identified with intents "
                        + identify.intents() + ", without GUILD_MEMBERS and GUILD_PRESENCES: the cache cannot be"
                        + " compared with the fake's world"));
        Map<Integer, List<Instant>> byBucket = identifies.stream()
                .collect(Collectors.groupingBy(
                        identify -> identify.shardId() % NodeCluster.MAX_CONCURRENCY,
                        Collectors.mapping(IdentifyRecord::at, Collectors.toList())));
        byBucket.forEach((bucket, times) -> {
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                if (gap.compareTo(NodeCluster.IDENTIFY_WINDOW) < 0) {
                    problems.add(
                            "bucket " + bucket + ": identifies " + gap.toMillis() + " ms apart at " + times.get(i));
                }
            }
        });
        // Every identify past a shard's first needs a reason: a session the fake ended for that shard before it, or
        // one a node could not commit (a gap record of an unknown session: its node died or was fenced after READY).
        Map<Integer, List<Instant>> ends = log.sessionEnds().stream()
                .collect(Collectors.groupingBy(
                        SessionEnd::shardId, Collectors.mapping(SessionEnd::at, Collectors.toList())));
        for (int shard = 0; shard < shardCount; shard++) {
            int id = shard;
            List<Instant> mine = identifies.stream()
                    .filter(identify -> identify.shardId() == id)
                    .map(IdentifyRecord::at)
                    .toList();
            long reasons = ends.getOrDefault(shard, List.of()).size()
                    + gaps.stream()
                            .filter(gap -> gap.shard() == id && gap.unknownSession())
                            .count();
            if (mine.size() - 1 > reasons) {
                problems.add("shard " + shard + " identified " + mine.size() + " times but the fake ended only "
                        + reasons + " of its sessions");
            }
        }
        return problems;
    }
}
