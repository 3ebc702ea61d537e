package io.flotilla.fake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link Main}'s flags ({@code --name value}) over environment variables ({@code FAKE_DISCORD_NAME}) and
 * turns them into a {@link FakeDiscordConfig}. A bad value is an {@link IllegalArgumentException} naming the
 * flag, in the flag's own unit ({@code --heartbeat-ms: must be at least 1 ms, was 0}). Stateless.
 */
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
            "record-dispatches",
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
            int equals = name.indexOf('=');
            if (equals > 0 && NAMES.contains(name.substring(0, equals))) {
                flags.put(name.substring(0, equals), name.substring(equals + 1)); // --name=value
                continue;
            }
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
        if (flags.containsKey("token")) {
            builder.token(flags.get("token"));
        }
        return builder.port(integer(flags, "port", 0, 0))
                .shardCount(integer(flags, "shards", 2, 1))
                .guildsPerShard(integer(flags, "guilds-per-shard", 3, 0))
                .membersPerGuild(integer(flags, "members", 20, 1))
                .seed(wholeNumber(flags, "seed", 42))
                .eventsPerSecondPerShard(decimal(flags, "rate", 0))
                .replayPool(integer(flags, "replay-pool", 0, 0))
                .recordDispatches(bool(flags, "record-dispatches", true))
                .heartbeatInterval(millis(flags, "heartbeat-ms", 41_250, 1))
                .maxConcurrency(integer(flags, "max-concurrency", 1, 1))
                .identifyWindow(millis(flags, "identify-window-ms", 5000, 1))
                .sessionRetention(millis(flags, "retention-ms", 120_000, 0))
                .build();
    }

    /** {@code --chaos-ms}: 0 (the default) is off. */
    static Duration chaosInterval(Map<String, String> flags) {
        return millis(flags, "chaos-ms", 0, 0);
    }

    private static int integer(Map<String, String> flags, String name, int fallback, int min) {
        long value = wholeNumber(flags, name, fallback);
        if (value < min || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "--" + name + ": must be between " + min + " and " + Integer.MAX_VALUE + ", was " + value);
        }
        return (int) value;
    }

    private static long wholeNumber(Map<String, String> flags, String name, long fallback) {
        String value = flags.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": \"" + value + "\" is not a whole number", e);
        }
    }

    private static double decimal(Map<String, String> flags, String name, double fallback) {
        String value = flags.get(name);
        if (value == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": \"" + value + "\" is not a number", e);
        }
        if (!(parsed >= 0) || Double.isInfinite(parsed)) {
            throw new IllegalArgumentException("--" + name + ": must be a finite number >= 0, was " + value);
        }
        return parsed;
    }

    private static Duration millis(Map<String, String> flags, String name, long fallback, long min) {
        long value = wholeNumber(flags, name, fallback);
        if (value < min) {
            throw new IllegalArgumentException("--" + name + ": must be at least " + min + " ms, was " + value + " ms");
        }
        return Duration.ofMillis(value);
    }

    private static boolean bool(Map<String, String> flags, String name, boolean fallback) {
        String value = flags.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + ": \"" + value + "\" is not true or false");
        };
    }
}
