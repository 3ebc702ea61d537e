package io.flotilla.cluster.commit;

import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.EventFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the conditional commit costs Redis (issue 12): the same batches (16 shards, 256 one-KB MESSAGE_CREATEs each,
 * 32 batches pipelined per round) committed as issue 4 did (MULTI, an XADD per event, HSET of the session, EXEC)
 * and as {@link CommitScript} does (one EVALSHA that checks fence, session and seq, then writes), alternating the
 * two on one Redis (AOF on) in one run. Prints events/s and Redis CPU per event for each, and their ratio.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.flotilla.cluster.commit.CommitCost [rounds per pass]}
 * (in this package to build the script's arguments with {@link CommitArguments}).
 */
public final class CommitCost {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final int SHARDS = 16;
    private static final int BATCH = 256;
    private static final int ROUND = 32;

    // Each way commits into keys and sessions of its own: they never see each other's seqs.
    private final Keys multiKeys = new Keys("multi", "multi-discord", "bench");
    private final Keys scriptKeys = new Keys("script", "script-discord", "bench");
    private final byte[] data = event();
    private final long[] multiSeq = new long[SHARDS];
    private final long[] scriptSeq = new long[SHARDS];

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        try (RedisProcess server = RedisProcess.startNew()) {
            RedisClient client = RedisClient.create(server.uri().toString());
            try (StatefulRedisConnection<String, byte[]> redis = client.connect(CODEC);
                    StatefulRedisConnection<String, String> info = client.connect()) {
                redis.sync().scriptLoad(CommitScript.SCRIPT.source());
                new CommitCost().run(redis, info, rounds);
            } finally {
                client.shutdown();
            }
        }
    }

    private void run(
            StatefulRedisConnection<String, byte[]> redis, StatefulRedisConnection<String, String> info, int rounds)
            throws Exception {
        redis.setAutoFlushCommands(false);
        pass(redis, info, "warm-up", rounds / 3, false);
        pass(redis, info, "warm-up", rounds / 3, true);
        double[][] results = new double[2][2];
        for (int i = 0; i < 3; i++) {
            for (int mode = 0; mode < 2; mode++) {
                double[] r = pass(redis, info, mode == 0 ? "multi/exec" : "script", rounds, mode == 1);
                results[mode][0] += r[0] / 3;
                results[mode][1] += r[1] / 3;
            }
        }
        for (int mode = 0; mode < 2; mode++) {
            Keys keys = mode == 0 ? multiKeys : scriptKeys;
            long written = info.sync().xlen(keys.events("MESSAGE_CREATE"));
            long expected =
                    java.util.Arrays.stream(mode == 0 ? multiSeq : scriptSeq).sum();
            if (written != expected) {
                throw new IllegalStateException(
                        "the stream holds " + written + " events, " + expected + " were committed");
            }
            System.out.printf(Locale.ROOT, "events in the %s stream: %,d, as committed%n", keys.prefix(), written);
        }
        System.out.printf(Locale.ROOT, "%n| commit | events/s | Redis CPU µs per event |%n|---|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| MULTI/EXEC (issue 4) | %,.0f | %.2f |%n", results[0][0], results[0][1]);
        System.out.printf(Locale.ROOT, "| commit script (issue 12) | %,.0f | %.2f |%n", results[1][0], results[1][1]);
        System.out.printf(
                Locale.ROOT,
                "script / multi: %.2f x the throughput, %.2f x the Redis CPU per event%n",
                results[1][0] / results[0][0],
                results[1][1] / results[0][1]);
    }

    /** Commits {@code rounds} rounds; returns events/s and Redis CPU µs per event. */
    private double[] pass(
            StatefulRedisConnection<String, byte[]> redis,
            StatefulRedisConnection<String, String> info,
            String name,
            int rounds,
            boolean script)
            throws Exception {
        double cpuBefore = cpu(info);
        long start = System.nanoTime();
        long events = 0;
        for (int r = 0; r < rounds; r++) {
            List<RedisFuture<?>> replies = new ArrayList<>(ROUND);
            for (int b = 0; b < ROUND; b++) {
                int shard = (r * ROUND + b) % SHARDS;
                replies.add(script ? viaScript(redis, shard) : viaMulti(redis, shard));
                events += BATCH;
            }
            redis.flushCommands();
            for (RedisFuture<?> reply : replies) {
                Object result = reply.get(30, TimeUnit.SECONDS);
                if (script && !CommitVerdict.parse(castList(result)).outcome().resolved()) {
                    throw new IllegalStateException("the commit script refused a batch: " + result);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpu(info) - cpuBefore;
        double[] result = {events / seconds, cpu * 1e6 / events};
        System.out.printf(
                Locale.ROOT, "%-10s %,10.0f events/s, Redis %.2f µs CPU per event%n", name, result[0], result[1]);
        return result;
    }

    @SuppressWarnings("FutureReturnValueIgnored") // inside MULTI: EXEC's reply carries the outcome
    private RedisFuture<?> viaMulti(StatefulRedisConnection<String, byte[]> connection, int shard) {
        RedisAsyncCommands<String, byte[]> redis = connection.async();
        redis.multi();
        byte[] shardBytes = ascii(shard);
        byte[] session = "multi-session".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < BATCH; i++) {
            long seq = ++multiSeq[shard];
            redis.xadd(multiKeys.events("MESSAGE_CREATE"), new Object[] {
                EventFields.SHARD,
                shardBytes,
                EventFields.SEQ,
                ascii(seq),
                EventFields.SESSION,
                session,
                EventFields.TYPE,
                "MESSAGE_CREATE".getBytes(StandardCharsets.UTF_8),
                EventFields.DATA,
                data,
                EventFields.RECEIVED_AT,
                ascii(seq)
            });
        }
        redis.hset(multiKeys.session(shard), java.util.Map.of("seq", ascii(multiSeq[shard]), "session_id", session));
        return redis.exec();
    }

    private RedisFuture<?> viaScript(StatefulRedisConnection<String, byte[]> connection, int shard) {
        String session = "script-session-" + shard;
        CommitArguments args = new CommitArguments(scriptKeys.session(shard), "", scriptKeys.guilds(shard), BATCH);
        long first = scriptSeq[shard] + 1;
        for (int i = 0; i < BATCH; i++) {
            long seq = ++scriptSeq[shard];
            args.event(
                    scriptKeys.events("MESSAGE_CREATE"),
                    seq,
                    "MESSAGE_CREATE".getBytes(StandardCharsets.UTF_8),
                    data,
                    seq);
        }
        byte[] empty = new byte[0];
        args.header(1, empty);
        args.header(2, session.getBytes(StandardCharsets.UTF_8));
        args.header(3, ascii(0));
        args.header(4, ascii(1));
        args.flag(5, first == 1);
        args.header(6, ascii(first));
        args.header(7, ascii(scriptSeq[shard]));
        args.header(8, ascii(shard));
        args.header(9, ascii(SHARDS));
        args.header(10, "bench".getBytes(StandardCharsets.UTF_8));
        args.header(11, ascii(0));
        args.header(12, empty);
        args.header(13, ascii(0));
        args.header(15, empty);
        args.header(16, empty);
        return args.evalsha(connection, CommitScript.SCRIPT.sha());
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Object> castList(Object result) {
        return (java.util.List<Object>) result;
    }

    private static double cpu(StatefulRedisConnection<String, String> info) {
        double total = 0;
        for (String line : info.sync().info("cpu").split("\r?\n", -1)) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                total +=
                        Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }

    private static byte[] event() {
        StringBuilder json = new StringBuilder("{\"id\":\"1234567890123456789\",\"channel_id\":\"42\",\"content\":\"");
        while (json.length() < 1000) {
            json.append("lorem ipsum ");
        }
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
