package io.flotilla.fake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads {@link Main}'s flags ({@code --name value}) over environment variables ({@code FAKE_DISCORD_NAME}). */
final class MainFlags {

    private static final Set<String> NAMES = Set.of(
            "port",
            "token",
            "shards",
            "guilds-per-shard",
            "members",
            "seed",
            "rate",
            "replay-pool",
            "heartbeat-ms",
            "max-concurrency",
            "identify-window-ms",
            "retention-ms",
            "chaos-ms");

    private MainFlags() {}

    static Map<String, String> parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        for (String name : NAMES) {
            String value =
                    env.get("FAKE_DISCORD_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (value != null) {
                flags.put(name, value);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                flags.put("help", "true");
                continue;
            }
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            flags.put(name, args[++i]);
        }
        return flags;
    }

    static FakeDiscordConfig config(Map<String, String> flags) {
        FakeDiscordConfigBuilder builder = FakeDiscordConfig.builder();
        try {
            if (flags.containsKey("token")) {
                builder.token(flags.get("token"));
            }
            builder.port(number(flags, "port", 0))
                    .shardCount(number(flags, "shards", 2))
                    .guildsPerShard(number(flags, "guilds-per-shard", 3))
                    .membersPerGuild(number(flags, "members", 20))
                    .seed(Long.parseLong(flags.getOrDefault("seed", "42")))
                    .eventsPerSecondPerShard(Double.parseDouble(flags.getOrDefault("rate", "0")))
                    .replayPool(number(flags, "replay-pool", 0))
                    .heartbeatInterval(Duration.ofMillis(number(flags, "heartbeat-ms", 41_250)))
                    .maxConcurrency(number(flags, "max-concurrency", 1))
                    .identifyWindow(Duration.ofMillis(number(flags, "identify-window-ms", 5000)))
                    .sessionRetention(Duration.ofMillis(number(flags, "retention-ms", 120_000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a numeric option has a bad value: " + e.getMessage(), e);
        }
        return builder.build();
    }

    private static int number(Map<String, String> flags, String name, int fallback) {
        String value = flags.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
