package io.flotilla.cluster.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.fake.world.Dispatch;
import io.flotilla.fake.world.EventGenerator;
import io.flotilla.fake.world.World;
import io.flotilla.protocol.Intents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The node's side of the Redis cache for one shard's batches of 256 of the fake's events (the stream the
 * IngestVersusJda fake cycles, after its GUILD_CREATEs): plan, the documents the plan names served from maps
 * standing in for Redis's replies, the rules, the writes serialized and applied back to the maps. With
 * {@code remember} the shard's {@link WrittenDocuments} are used (each batch remembers what it wrote, as the
 * lane does); without, every message is parsed, read and written as before issue 16's change. Redis's own work
 * and Lettuce's encoding of the reads and writes are not counted (the change saves those too).
 *
 * <p>Primary score: events/s on one thread. On a loaded machine the scores swing; {@link #main} instead alternates
 * the two variants in one JVM and prints the thread's CPU time per event of each, which the load hardly moves:
 * {@code java -cp benchmarks/target/benchmarks.jar io.flotilla.cluster.cache.CachePathBenchmark [rounds]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CachePathBenchmark {
    private static final int BATCH = 256;
    private static final int BATCHES = 80;

    @Param({"false", "true"})
    public boolean remember;

    private final CacheRules rules = new CacheRules(new ObjectMapper(), true);
    private final List<List<String>> types = new ArrayList<>();
    private final List<List<byte[]>> data = new ArrayList<>();
    private final Map<String, byte[]> guilds = new HashMap<>();
    private final Map<MemberKey, byte[]> members = new HashMap<>();
    private final WrittenDocuments written = new WrittenDocuments();
    private int next;

    @Setup
    public void generate() {
        // The world of IngestVersusJda's fake (FakeProcess.config): 2 guilds of 50 members per shard.
        World world = World.generate(FakeDiscordConfig.builder()
                .token("bench")
                .shardCount(1)
                .guildsPerShard(2)
                .membersPerGuild(50)
                .build()
                .world());
        List<String> guildCreates = new ArrayList<>();
        List<byte[]> guildData = new ArrayList<>();
        for (String guildId : world.guildIds(0, 1)) {
            guildCreates.add("GUILD_CREATE");
            guildData.add(world.guildCreate(
                    guildId, (int) (Intents.GUILDS | Intents.GUILD_MEMBERS | Intents.GUILD_PRESENCES), 250));
        }
        apply(guildCreates, guildData, null);
        EventGenerator events = world.events(0, 1);
        for (int b = 0; b < BATCHES; b++) {
            List<String> batchTypes = new ArrayList<>(BATCH);
            List<byte[]> batchData = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                Dispatch dispatch = events.next();
                if (rules.touchesCache(dispatch.type())) {
                    batchTypes.add(dispatch.type());
                    batchData.add(dispatch.data());
                }
            }
            types.add(batchTypes);
            data.add(batchData);
        }
    }

    /** Alternates both variants (JIT warm-up first) and prints CPU microseconds per event and planned events. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        CachePathBenchmark before = new CachePathBenchmark();
        CachePathBenchmark after = new CachePathBenchmark();
        after.remember = true;
        before.generate();
        after.generate();
        long[] nanos = new long[2];
        long events = 0;
        for (int round = -5; round < rounds; round++) {
            for (int side = 0; side < 2; side++) {
                CachePathBenchmark bench = side == 0 ? before : after;
                long start = cpu.getCurrentThreadCpuTime();
                for (int b = 0; b < BATCHES * 5; b++) {
                    bench.batch();
                }
                if (round >= 0) {
                    nanos[side] += cpu.getCurrentThreadCpuTime() - start;
                }
            }
            events += round >= 0 ? (long) BATCHES * 5 * BATCH : 0;
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "cache path, node CPU per event: without WrittenDocuments %.2f us, with %.2f us (%.2fx);"
                        + " planned events per batch of %d: %.1f and %.1f%n",
                nanos[0] / 1000.0 / events,
                nanos[1] / 1000.0 / events,
                (double) nanos[0] / nanos[1],
                BATCH,
                before.planned(),
                after.planned());
    }

    /** Events the plan kept per batch, over one pass of the batches. */
    private double planned() {
        long kept = 0;
        for (int i = 0; i < BATCHES; i++) {
            kept += rules.plan(types.get(i), data.get(i), remember ? written : null)
                    .events()
                    .size();
        }
        return (double) kept / BATCHES;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public CacheWrites batch() {
        int i = next;
        next = (i + 1) % BATCHES;
        return apply(types.get(i), data.get(i), remember ? written : null);
    }

    private CacheWrites apply(List<String> batchTypes, List<byte[]> batchData, @Nullable WrittenDocuments memory) {
        CacheRules.Plan plan = rules.plan(batchTypes, batchData, memory);
        Map<String, byte[]> loadedGuilds = new HashMap<>();
        for (String guildId : plan.guildIds()) {
            byte[] guild = guilds.get(guildId);
            if (guild != null) {
                loadedGuilds.put(guildId, guild);
            }
        }
        Map<MemberKey, byte[]> loadedMembers = new HashMap<>();
        for (MemberKey key : plan.memberKeys()) {
            byte[] member = members.get(key);
            if (member != null) {
                loadedMembers.put(key, member);
            }
        }
        CacheDocuments docs = new CacheDocuments(rules.json(), loadedGuilds, loadedMembers);
        CacheWrites writes = rules.compute(plan, docs);
        if (memory != null) {
            docs.remember(memory);
        }
        guilds.putAll(writes.guildPuts());
        writes.guildDeletes().forEach(guilds::remove);
        writes.memberPuts()
                .forEach((guildId, puts) ->
                        puts.forEach((userId, member) -> members.put(new MemberKey(guildId, userId), member)));
        writes.memberDeletes()
                .forEach((guildId, userIds) ->
                        userIds.forEach(userId -> members.remove(new MemberKey(guildId, userId))));
        return writes;
    }
}
