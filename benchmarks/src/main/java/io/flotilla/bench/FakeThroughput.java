package io.flotilla.bench;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fake Discord's throughput: starts the fake in-process with N shards generating as fast as the clients
 * take events (the rate is a ceiling; the fake paces generation by each connection's backlog), connects one raw
 * Netty client per shard, counts the dispatches received during a measured window after a warm-up, once per
 * compression mode, and writes the figures into BENCHMARKS.md.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.FakeThroughput [--shards 16]
 * [--seconds 10] [--warmup 3] [--rate 1000000] [--modes none,zlib-stream] [--file BENCHMARKS.md]}
 */
public final class FakeThroughput {

    private FakeThroughput() {}

    /** One mode's measurement. */
    record Result(String mode, long dispatches, long wireBytes, double seconds, double cpuSeconds) {
        double eventsPerSecond() {
            return dispatches / seconds;
        }

        /** Dispatches per second of CPU used by the whole process (fake and clients): what the load allowed. */
        double eventsPerCpuSecond() {
            return dispatches / cpuSeconds;
        }

        /** The share of the machine's CPUs this process got during the window. */
        double cpuShare() {
            return cpuSeconds / seconds / Runtime.getRuntime().availableProcessors();
        }

        double megabytesPerSecond() {
            return wireBytes / seconds / (1024 * 1024);
        }
    }

    public static void main(String[] args) throws Exception {
        FakeThroughputOptions options = FakeThroughputOptions.parse(args);
        List<Result> results = new ArrayList<>();
        for (String mode : options.modes()) {
            Result result = run(options, mode);
            results.add(result);
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %,12.0f dispatches/s %8.1f MB/s %,12.0f dispatches/CPU-s %4.0f%% of the CPUs%n",
                    mode,
                    result.eventsPerSecond(),
                    result.megabytesPerSecond(),
                    result.eventsPerCpuSecond(),
                    100 * result.cpuShare());
        }
        String command =
                "java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.FakeThroughput " + String.join(" ", args);
        Path file = options.file();
        FakeThroughputReport.write(file, options, results, command.trim());
        System.out.println("updated " + file.toAbsolutePath());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static Result run(FakeThroughputOptions options, String mode) throws Exception {
        FakeDiscordConfig config = FakeDiscordConfig.builder()
                .token("bench-token")
                .shardCount(options.shards())
                .guildsPerShard(2)
                .membersPerGuild(50)
                .maxConcurrency(options.shards())
                .identifyWindow(Duration.ofMillis(1))
                .eventsPerSecondPerShard(options.rate())
                .recordDispatches(false)
                .build();
        LongAdder dispatches = new LongAdder();
        LongAdder wireBytes = new LongAdder();
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (FakeDiscord fake = FakeDiscord.start(config)) {
            List<Channel> channels = new ArrayList<>();
            for (int shard = 0; shard < options.shards(); shard++) {
                String identify = "{\"op\":2,\"d\":{\"token\":\"bench-token\",\"intents\":53608447,"
                        + "\"properties\":{\"os\":\"linux\",\"browser\":\"bench\",\"device\":\"bench\"},"
                        + "\"shard\":[" + shard + "," + options.shards() + "]}}";
                channels.add(ThroughputClient.connect(
                        clients, fake.gatewayUrl(), mode.equals("zlib-stream"), identify, dispatches, wireBytes));
            }
            TimeUnit.SECONDS.sleep(options.warmupSeconds());
            dispatches.reset();
            wireBytes.reset();
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            TimeUnit.SECONDS.sleep(options.seconds());
            long received = dispatches.sum();
            long bytes = wireBytes.sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            for (Channel channel : channels) {
                channel.close().sync();
            }
            return new Result(mode, received, bytes, seconds, cpuSeconds);
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
