package io.flotilla.fake;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fake Discord from flags or environment variables until interrupted: the demo and a target for real
 * clients (JDA, discord.js). Each flag {@code --name value} can also be given as {@code FAKE_DISCORD_NAME}.
 * {@link #run} is the testable entry: it returns the exit code instead of exiting.
 */
public final class Main {

    private static final String USAGE = """
            Usage: fake-discord [options]      (each option also as env FAKE_DISCORD_<NAME>, e.g. FAKE_DISCORD_PORT;
                                                --name value or --name=value)
              --port N                TCP port on 127.0.0.1 (default 0: a free port)
              --token T               bot token clients must send (default fake-bot-token)
              --shards N              shard count of the world and of /gateway/bot (default 2)
              --guilds-per-shard N    guilds routed to each shard (default 3)
              --members N             members per guild (default 20)
              --seed N                world seed (default 42)
              --rate N                generated events per second per shard with sessions (default 0)
              --replay-pool N         per shard, generate N events once then cycle them; the world stops
                                      changing, for load generation only (default 0: off)
              --record-dispatches B   true|false: keep a log record of every dispatch (default true); false for
                                      load generation, so memory stays bounded at any rate
              --heartbeat-ms N        HELLO heartbeat_interval (default 41250)
              --max-concurrency N     /gateway/bot max_concurrency (default 1)
              --identify-window-ms N  one identify per bucket per window (default 5000)
              --retention-ms N        resumable window after a disconnect (default 120000)
              --chaos-ms N            random faults about every N ms (default 0: off)
              --help                  this text
            """;

    private Main() {}

    public static void main(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                finished.await(10, TimeUnit.SECONDS); // let run() close the fake
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "fake-discord-shutdown"));
        int exitCode = run(args, System.getenv(), System.out, System.err, stop);
        finished.countDown();
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Runs a fake until {@code stop} opens, then closes it. Returns the exit code: 0 after a clean run or
     * {@code --help}, 2 for bad flags (the message names the flag), 1 when the fake cannot start (the port is
     * in use: the message names it). Never throws for bad input.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, CountDownLatch stop) {
        Map<String, String> flags;
        FakeDiscordConfig config;
        Duration chaos;
        try {
            flags = MainFlags.parse(args, env);
            if (flags.containsKey("help")) {
                out.print(USAGE);
                return 0;
            }
            config = MainFlags.config(flags);
            chaos = MainFlags.chaosInterval(flags);
        } catch (IllegalArgumentException e) {
            err.println("fake-discord: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        FakeDiscord fake;
        try {
            fake = FakeDiscord.start(config);
        } catch (IllegalStateException e) {
            err.println("fake-discord: " + e.getMessage());
            return 1;
        }
        try (fake) {
            if (!chaos.isZero()) {
                fake.chaos(chaos, config.world().seed());
            }
            printBanner(out, fake);
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printBanner(PrintStream out, FakeDiscord fake) {
        FakeDiscordConfig config = fake.config();
        out.printf(
                Locale.ROOT,
                "fake Discord running (%d shards, %d guilds each, %.0f events/s/shard)%n",
                config.world().shardCount(),
                config.world().guildsPerShard(),
                config.eventsPerSecondPerShard());
        out.println("  REST     " + fake.apiUrl());
        out.println("  gateway  " + fake.gatewayUrl() + "   (resume_gateway_url " + fake.resumeGatewayUrl() + ")");
        out.println("  control  http://127.0.0.1:" + fake.port() + "/control/log");
        out.println("try:  curl -H 'Authorization: Bot <token>' " + fake.apiUrl() + "/gateway/bot   then connect to "
                + fake.gatewayUrl() + "/?v=10&encoding=json and send "
                + "{\"op\":2,\"d\":{\"token\":\"<token>\",\"intents\":513,\"properties\":{},\"shard\":[0,"
                + config.world().shardCount() + "]}}");
        out.println("      (<token> is the --token value; the fake never prints it)");
        out.println("Ctrl-C stops it.");
    }
}
