package io.flotilla.fake;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fake Discord from flags or environment variables until interrupted: the demo and a target for real
 * clients (JDA, discord.js). Each flag {@code --name value} can also be given as {@code FAKE_DISCORD_NAME}.
 */
public final class Main {

    private static final String USAGE = """
            Usage: fake-discord [options]      (each option also as env FAKE_DISCORD_<NAME>, e.g. FAKE_DISCORD_PORT)
              --port N                TCP port on 127.0.0.1 (default 0: a free port)
              --token T               bot token clients must send (default fake-bot-token)
              --shards N              shard count of the world and of /gateway/bot (default 2)
              --guilds-per-shard N    guilds routed to each shard (default 3)
              --members N             members per guild (default 20)
              --seed N                world seed (default 42)
              --rate N                generated events per second per shard with sessions (default 0)
              --replay-pool N         per shard, generate N events once then cycle them; the world stops
                                      changing, for load generation only (default 0: off)
              --heartbeat-ms N        HELLO heartbeat_interval (default 41250)
              --max-concurrency N     /gateway/bot max_concurrency (default 1)
              --identify-window-ms N  one identify per bucket per window (default 5000)
              --retention-ms N        resumable window after a disconnect (default 120000)
              --chaos-ms N            random faults about every N ms (default 0: off)
              --help                  this text
            """;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> flags;
        try {
            flags = MainFlags.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("fake-discord: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (flags.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        FakeDiscordConfig config;
        try {
            config = MainFlags.config(flags);
        } catch (IllegalArgumentException e) {
            System.err.println("fake-discord: " + e.getMessage());
            System.exit(2);
            return;
        }
        FakeDiscord fake = FakeDiscord.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            fake.close();
                            stopped.countDown();
                        },
                        "fake-discord-shutdown"));
        long chaosMs = Long.parseLong(flags.getOrDefault("chaos-ms", "0"));
        if (chaosMs > 0) {
            fake.chaos(Duration.ofMillis(chaosMs), config.world().seed());
        }
        printBanner(System.out, fake);
        stopped.await();
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
