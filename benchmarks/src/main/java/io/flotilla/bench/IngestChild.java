package io.flotilla.bench;

import io.flotilla.cluster.commit.RedisOnlyCommit;
import io.flotilla.fake.world.Dispatch;
import io.flotilla.fake.world.EventGenerator;
import io.flotilla.fake.world.World;
import io.flotilla.protocol.compress.Compression;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM side of {@link IngestVersusJda}: runs one {@link Contender} so its CPU time is its own, and
 * prints on stdout (among whatever the libraries log) two {@code INGEST MARK <nanoTime> <cpuNanos> <count>}
 * lines, at the start and at the end of the measured window, then one {@code INGEST NOTE <text>} line; lives
 * until its stdin closes. Single-threaded main; the contender runs its own threads.
 *
 * <p>Arguments: {@code kind warmupSeconds seconds shards gatewayUri compression redisUri lanes}, kind one of
 * {@code node-off}, {@code node-on}, {@code jda}, {@code redis-only} (redisUri "-" when unused).
 */
public final class IngestChild {
    static final String PREFIX = "INGEST ";
    private static final int CORPUS = 2000;

    private IngestChild() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int warmup = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int shards = Integer.parseInt(args[3]);
        URI gateway = URI.create(args[4]);
        Compression compression = Compression.valueOf(args[5]);
        String redis = args[6];
        int lanes = Integer.parseInt(args[7]);
        try (Contender contender = start(kind, shards, gateway, compression, redis, lanes)) {
            TimeUnit.SECONDS.sleep(warmup);
            long gcBefore = gcMillis();
            mark(contender);
            TimeUnit.SECONDS.sleep(seconds);
            mark(contender);
            System.out.println(PREFIX + "NOTE " + contender.note()
                    + String.format(Locale.ROOT, "; GC %,d ms in the window", gcMillis() - gcBefore));
            System.out.flush();
            while (System.in.read() >= 0) {
                // Lives until the parent closes our stdin (it has read the marks).
            }
        }
    }

    /** What the JVM's collectors report as their time so far (pauses, and concurrent cycles for some). */
    private static long gcMillis() {
        long sum = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, collector.getCollectionTime());
        }
        return sum;
    }

    private static Contender start(
            String kind, int shards, URI gateway, Compression compression, String redis, int lanes) throws Exception {
        return switch (kind) {
            case "node-off", "node-on" -> {
                BenchNode node = new BenchNode(URI.create(redis), lanes, kind.equals("node-on"));
                node.startShards(shards, gateway, FakeProcess.TOKEN, compression);
                yield node;
            }
            case "jda" -> JdaShards.start(gateway, FakeProcess.TOKEN, shards, compression);
            case "redis-only" -> {
                RedisOnlyCommit commit = RedisOnlyCommit.start(URI.create(redis), corpus(shards), lanes);
                yield new Contender() {
                    @Override
                    public long count() {
                        return commit.committed();
                    }

                    @Override
                    public void close() throws InterruptedException {
                        commit.close();
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown contender " + kind);
        };
    }

    /** The first {@value #CORPUS} events of each shard of the fake's world: the bytes the fake's pool cycles. */
    private static List<RedisOnlyCommit.Corpus> corpus(int shards) {
        World world = World.generate(FakeProcess.config(shards, 0).world());
        List<RedisOnlyCommit.Corpus> corpus = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            EventGenerator events = world.events(shard, shards);
            List<String> types = new ArrayList<>(CORPUS);
            List<byte[]> data = new ArrayList<>(CORPUS);
            for (int i = 0; i < CORPUS; i++) {
                Dispatch next = events.next();
                types.add(next.type());
                data.add(next.data());
            }
            corpus.add(new RedisOnlyCommit.Corpus(types, data));
        }
        return corpus;
    }

    private static void mark(Contender contender) {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.printf(Locale.ROOT, "%sMARK %d %d %d%n", PREFIX, System.nanoTime(), cpu, contender.count());
        System.out.flush();
    }
}
