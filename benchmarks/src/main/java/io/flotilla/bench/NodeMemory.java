package io.flotilla.bench;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of one whole node process (issue 17's headline "memory" figure): a real {@code io.flotilla.node.Main}
 * (-Xmx512m) runs {@code shards} shards against the fake Discord (in this JVM; one guild of 20 members per shard),
 * with the cache off and then in Redis (a fresh Redis each). Once every shard is READY and has its guild, and 5 s of
 * quiet have passed, the node's heap is collected ({@code jcmd GC.run}) and measured ({@code GC.heap_info}: used),
 * with its resident set ({@code /proc/<pid>/status} VmRSS). Printed per node and per shard.
 *
 * <p>Usage: {@code NodeMemory [shards]} (default 1000).
 */
public final class NodeMemory {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private NodeMemory() {}

    public static void main(String[] args) throws Exception {
        int shards = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println("| cache | shards | READY after | heap used after GC | per shard | RSS | per shard |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (String cache : List.of("none", "redis")) {
            System.out.println(measure(shards, cache));
        }
    }

    private static String measure(int shards, String cache) throws Exception {
        Keys keys = Keys.defaults("memory");
        try (RedisProcess redis = RedisProcess.startNew();
                FakeDiscord fake = FakeDiscord.start(FakeDiscordConfig.builder()
                        .shardCount(shards)
                        .guildsPerShard(1)
                        .maxConcurrency(16)
                        .identifyWindow(Duration.ofMillis(50))
                        .sessionStartLimit(10 * shards)
                        .recordDispatches(false)
                        .build())) {
            Map<String, String> env = new HashMap<>();
            env.put("BOT_TOKEN", fake.config().token());
            env.put("REDIS_URL", redis.uri().toString());
            env.put("DISCORD_API_URL", fake.apiUrl().toString());
            env.put("GROUP_NAME", keys.group());
            env.put("CACHE_MODE", cache);
            env.put("FLOTILLA_IDENTIFY_WINDOW_MS", "100");
            try (NodeFleet fleet = new NodeFleet(env)) {
                long started = System.nanoTime();
                fleet.start("node-a");
                Poll.until(
                        "every shard READY",
                        Duration.ofMinutes(5),
                        Duration.ofMillis(200),
                        () -> FailoverBenchmark.readyShards(fake) >= shards,
                        () -> "only " + FailoverBenchmark.readyShards(fake) + " of " + shards + " READY");
                double readySeconds = (System.nanoTime() - started) / 1e9;
                Thread.sleep(5_000);
                long pid = fleet.pid("node-a");
                jcmd(pid, "GC.run");
                Thread.sleep(1_000);
                long heapKb = first(USED, jcmd(pid, "GC.heap_info"));
                long rssKb = first(RSS, Files.readString(Path.of("/proc", Long.toString(pid), "status")));
                return String.format(
                        Locale.ROOT,
                        "| %s | %d | %.1f s | %.1f MB | %.1f KB | %.1f MB | %.1f KB |",
                        cache,
                        shards,
                        readySeconds,
                        heapKb / 1024.0,
                        (double) heapKb / shards,
                        rssKb / 1024.0,
                        (double) rssKb / shards);
            }
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private static long first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in: " + text);
        }
        return Long.parseLong(matcher.group(1));
    }
}
