package io.flotilla.node;

import io.flotilla.worker.CommandSender;
import io.flotilla.worker.Event;
import io.flotilla.worker.EventHandler;
import io.flotilla.worker.GatewayCommands;
import io.flotilla.worker.GroupDedup;
import io.flotilla.worker.Keys;
import io.flotilla.worker.Worker;
import io.flotilla.worker.WorkerBuilder;
import io.flotilla.worker.WorkerSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A worker process of the chaos soak: one consumer of group {@value #GROUP} on the Java SDK with group-wide
 * de-duplication on, reading every event name in {@code EVENTS}, and printing what it did so the checker
 * ({@link WorkerChecks}) can read it back even after a SIGKILL (each line flushed at once):
 *
 * <ul>
 *   <li>{@code handled <ms> <shard> <session> <seq>} as each handler runs;
 *   <li>{@code unacked <shard> <session> <seq>} for each event of a round whose acknowledgements failed (Redis cut,
 *       killed, held): the window in which {@link GroupDedup} says an event may be handled again;
 *   <li>with {@code COMMAND_GUILDS} set, one {@link SoakCommand} every {@code COMMAND_PERIOD_MS} on a thread of its
 *       own: {@code command-try <ms> <nonce> <kind> <guild>} before the XADD, then {@code command <ms> <nonce>} or
 *       {@code command-failed <ms> <nonce> <error>} (an XADD whose reply was lost may still have landed).
 * </ul>
 *
 * <p>Environment: {@code REDIS_URL}, {@code KEY_PREFIX}, {@code QUEUE_PREFIX}, {@code GROUP_NAME}, {@code CONSUMER},
 * {@code EVENTS}; for commands also {@code SHARD_COUNT}, {@code COMMAND_SEED}, {@code COMMAND_PERIOD_MS} and
 * {@code COMMAND_STOP} (a file: once it exists, no more commands). Runs until killed.
 */
final class SoakWorker {
    static final String GROUP = "soak";
    static final Duration RECLAIM_AFTER = Duration.ofSeconds(2);

    private SoakWorker() {}

    public static void main(String[] args) throws InterruptedException {
        ParentWatch.startIfAsked(System.getenv(), System.in);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Keys keys = new Keys(env("KEY_PREFIX"), env("QUEUE_PREFIX"), env("GROUP_NAME"));
        String consumer = env("CONSUMER");
        RedisClient client = RedisClient.create(env("REDIS_URL"));
        List<Event> round = new ArrayList<>(); // the worker thread's only
        EventHandler handler = event -> {
            round.add(event);
            out.println("handled " + System.currentTimeMillis() + " " + event.shard() + " " + event.session() + " "
                    + event.seq());
        };
        WorkerBuilder builder = Worker.builder(client, keys, GROUP, consumer)
                .settings(new WorkerSettings(50, Duration.ofMillis(200), RECLAIM_AFTER, 5, 10_000, GroupDedup.DEFAULT));
        Arrays.stream(env("EVENTS").split(",")).forEach(name -> builder.on(name, handler));
        String guilds = System.getenv().getOrDefault("COMMAND_GUILDS", "");
        if (!guilds.isEmpty()) {
            Thread.ofPlatform().daemon(true).name("soak-commands").start(() -> sendCommands(client, keys, out, guilds));
        }
        try (Worker worker = builder.build()) {
            out.println("soak worker ready");
            boolean failing = false;
            while (true) {
                round.clear();
                try {
                    worker.runOnce();
                    if (failing) {
                        out.println("redis-back " + System.currentTimeMillis());
                        failing = false;
                    }
                } catch (RedisException e) {
                    round.forEach(event ->
                            out.println("unacked " + event.shard() + " " + event.session() + " " + event.seq()));
                    if (!failing) {
                        out.println("redis-failed " + System.currentTimeMillis() + " " + e);
                        failing = true;
                    }
                    Thread.sleep(200);
                }
            }
        } finally {
            client.shutdown();
        }
    }

    private static void sendCommands(RedisClient client, Keys keys, PrintStream out, String guildList) {
        int shards = Integer.parseInt(env("SHARD_COUNT"));
        long period = Long.parseLong(env("COMMAND_PERIOD_MS"));
        Random random = new Random(Long.parseLong(env("COMMAND_SEED")));
        String[] guilds = guildList.split(",");
        StatefulRedisConnection<String, String> connection = client.connect();
        GatewayCommands commands = new GatewayCommands(connection, keys, shards);
        CommandSender raw = new CommandSender(connection, keys, shards);
        String incarnation = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        java.nio.file.Path stop = java.nio.file.Path.of(env("COMMAND_STOP"));
        for (long n = 0; ; n++) {
            if (java.nio.file.Files.exists(stop)) {
                out.println("commands stopped");
                return;
            }
            SoakCommand kind = SoakCommand.pick(random.nextInt(SoakCommand.total()));
            String guild = guilds[random.nextInt(guilds.length)];
            String nonce = SoakCommand.NONCE_PREFIX + incarnation + "-" + n;
            out.println("command-try " + System.currentTimeMillis() + " " + nonce + " " + kind + " " + guild);
            try {
                kind.send(commands, raw, shards, guild, nonce);
                out.println("command " + System.currentTimeMillis() + " " + nonce);
            } catch (RedisException e) {
                out.println("command-failed " + System.currentTimeMillis() + " " + nonce + " " + e);
            }
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("set " + name);
        }
        return value;
    }
}
