package io.flotilla.node.demo;

import java.time.Duration;
import java.util.Locale;

/**
 * The demo's flags, parsed from the command line ({@code --name value} or {@code --name=value}); bad input is an
 * {@link IllegalArgumentException} naming the flag and what it accepts. An immutable value.
 *
 * @param killAfter when to SIGKILL a node, counted from the start (it waits until every shard runs); zero: never
 * @param port the fake Discord's port on 127.0.0.1 (0: a free one)
 * @param rate generated events per second per shard
 * @param help {@code --help} was given
 */
record DemoOptions(Duration killAfter, int port, double rate, boolean help) {
    static final int SHARDS = 16;
    static final int MAX_CONCURRENCY = 4;
    static final String[] NODE_NAMES = {"node-a", "node-b", "node-c"};

    static final String USAGE = """
            Usage: bin/demo [options]
              Runs a whole Flotilla cluster on 127.0.0.1: an embedded Redis (AOF on, data in a temp folder),
              the fake Discord (16 shards, max_concurrency 4) and 3 node processes (node-a, node-b, node-c),
              and prints every shard's progress. Ctrl-C stops everything and deletes the temp folder.

              --kill-after D   SIGKILL one node after D (20s, 1500ms, 2m; 0 = never; default 20s), show its shards
                               RESUMED on the others, then restart it and show the rebalance
              --port N         the fake Discord's port on 127.0.0.1 (default 7878; 0 = a free port)
              --rate N         generated events per second per shard (default 5)
              --help           this text

            Usage: bin/demo --fake-only [fake options]
              The fake Discord alone, for any gateway client (bin/demo --fake-only --help lists its options).
            """;

    static DemoOptions parse(String[] args) {
        Duration killAfter = Duration.ofSeconds(20);
        int port = 7878;
        double rate = 5;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.equals("--kill-after") && !arg.equals("--port") && !arg.equals("--rate")) {
                throw new IllegalArgumentException("unknown option '" + arg + "' (bin/demo --help lists them)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args[++i];
            }
            switch (arg) {
                case "--kill-after" -> killAfter = duration(arg, value);
                case "--port" -> port = number(arg, value, 0, 65535);
                default -> rate = number(arg, value, 0, 10_000);
            }
        }
        return new DemoOptions(killAfter, port, rate, help);
    }

    private static Duration duration(String flag, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    flag + ": '" + value + "' is not accepted: a duration such as 20s, 1500ms, 2m or 0", e);
        }
    }

    private static int number(String flag, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                flag + ": '" + value + "' is not accepted: a whole number from " + min + " to " + max);
    }
}
