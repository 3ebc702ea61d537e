package io.flotilla.bench;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.DispatchSink;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardConfig;
import io.flotilla.gateway.ShardEventLoops;
import io.flotilla.gateway.ShardFeedback;
import io.flotilla.gateway.ShardPorts;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.Token;
import io.flotilla.gateway.local.InMemorySessionStore;
import io.flotilla.gateway.local.LocalIdentifyGate;
import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Heap per idle shard: runs the fake Discord in a child JVM (so its heap is not counted), connects N shards
 * (default 1000) from this JVM on one shared two-thread event loop group, waits until all are READY and their
 * GUILD_CREATEs are in, forces GC and prints (heap after - heap before) / N. Target: under 100 KB each.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.IdleShards [shards]}. With {@code
 * --fake-server N} it is the child: it starts the fake, prints its port and lives until its stdin closes.
 */
public final class IdleShards {
    private static final String TOKEN = "idle-bench-token";

    private IdleShards() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--fake-server")) {
            serveFake(Integer.parseInt(args[1]));
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Process fake = startFakeProcess(count);
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("PORT "));
            if (line == null) {
                throw new IllegalStateException("the fake Discord child process ended before printing its port");
            }
            measure(count, URI.create("ws://127.0.0.1:" + line.substring(5).trim()));
        } finally {
            fake.getOutputStream().close();
            if (!fake.waitFor(10, TimeUnit.SECONDS)) {
                fake.destroyForcibly();
            }
        }
    }

    private static void measure(int count, URI gateway) throws InterruptedException {
        EventLoopGroup group = ShardEventLoops.create(2);
        InMemorySessionStore store = new InMemorySessionStore();
        LocalIdentifyGate gate = new LocalIdentifyGate(count, Duration.ofSeconds(5), Clock.systemUTC(), group);
        LongAdder dispatches = new LongAdder();
        DispatchSink sink = new DispatchSink() {
            @Override
            public boolean offer(Dispatch dispatch, ShardFeedback feedback) {
                dispatches.increment();
                return true;
            }

            @Override
            public CompletionStage<Long> flush(ShardId shard, Duration timeout) {
                return CompletableFuture.completedFuture(-1L); // never handed off here
            }
        };
        ShardPorts ports = new ShardPorts(gate, store, sink);
        long before = usedHeapAfterGc();

        List<Shard> shards = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int id = 0; id < count; id++) {
            ShardConfig config =
                    ShardConfig.of(new Token(TOKEN), new ShardId(id, count), new Intents(Intents.KNOWN), gateway);
            Shard shard = new Shard(config, ports, group);
            shards.add(shard);
            shard.start();
        }
        Poll.until(
                "every shard READY",
                Duration.ofMinutes(3),
                Duration.ofMillis(100),
                () -> shards.stream().allMatch(s -> s.state() == ShardState.READY),
                () -> shards.stream().filter(s -> s.state() == ShardState.READY).count() + " of " + count + " were");
        double readySeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000); // GUILD_CREATEs and the first heartbeats settle
        long after = usedHeapAfterGc();
        double perShardKb = (after - before) / 1024.0 / count;

        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "shards: %d, all READY in %.1f s, dispatches received: %d%n",
                count,
                readySeconds,
                dispatches.sum());
        System.out.printf(
                Locale.ROOT,
                "heap before: %.1f MB, after: %.1f MB (max %.0f MB)%n",
                before / 1048576.0,
                after / 1048576.0,
                rt.maxMemory() / 1048576.0);
        System.out.printf(Locale.ROOT, "heap per idle shard: %.1f KB (target < 100 KB)%n", perShardKb);
        System.out.printf(
                Locale.ROOT,
                "machine: %s, %s%n",
                Machine.hardware(),
                ManagementFactory.getRuntimeMXBean().getVmName());
        CompletableFuture.allOf(shards.stream().map(Shard::stop).toArray(CompletableFuture[]::new))
                .orTimeout(30, TimeUnit.SECONDS)
                .exceptionally(error -> {
                    System.err.println("not every shard stopped cleanly: " + error);
                    return null;
                })
                .join();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Process startFakeProcess(int count) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-Xmx2g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        IdleShards.class.getName(),
                        "--fake-server",
                        Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void serveFake(int count) throws java.io.IOException {
        FakeDiscordConfig config = FakeDiscordConfig.builder()
                .token(TOKEN)
                .shardCount(count)
                .guildsPerShard(1)
                .membersPerGuild(20)
                .maxConcurrency(count)
                .sessionStartLimit(count * 4)
                .recordDispatches(false)
                .ioThreads(2)
                .build();
        try (FakeDiscord fake = FakeDiscord.start(config)) {
            System.out.println("PORT " + fake.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Lives until the parent closes our stdin (or dies).
            }
        }
    }
}
