package io.flotilla.node;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The soak's two worker processes ({@link SoakWorker}), reaching Redis through the same fault proxy as the nodes,
 * so every Redis fault hits them too: {@code worker-1} consumes, {@code worker-2} consumes and sends commands. A
 * worker can be SIGKILLed ({@link #kill}: the entries it held unacknowledged are recorded, as the one window in
 * which an event may reach a handler twice) and started again under the same consumer name. Every log a worker
 * process wrote stays readable for the checks ({@link #lines}).
 *
 * <p>One test thread.
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands
final class SoakWorkers implements AutoCloseable {
    static final List<String> NAMES = List.of("worker-1", "worker-2");
    /** Every event name the fake Discord produces (its generator's kinds and the session and guild events). */
    static final List<String> EVENTS = List.of(
            "READY",
            "RESUMED",
            "GUILD_CREATE",
            "GUILD_DELETE",
            "GUILD_MEMBERS_CHUNK",
            "MESSAGE_CREATE",
            "TYPING_START",
            "PRESENCE_UPDATE",
            "MESSAGE_REACTION_ADD",
            "MESSAGE_UPDATE",
            "MESSAGE_DELETE",
            "GUILD_MEMBER_UPDATE",
            "GUILD_MEMBER_ADD",
            "VOICE_STATE_UPDATE",
            "GUILD_MEMBER_REMOVE",
            "CHANNEL_UPDATE",
            "THREAD_CREATE",
            "CHANNEL_CREATE",
            "THREAD_UPDATE",
            "GUILD_ROLE_CREATE",
            "GUILD_ROLE_UPDATE",
            "CHANNEL_DELETE",
            "THREAD_DELETE",
            "GUILD_ROLE_DELETE",
            "GUILD_UPDATE",
            "GUILD_EMOJIS_UPDATE",
            "CHANNEL_PINS_UPDATE",
            "MESSAGE_DELETE_BULK");

    private final NodeCluster cluster;
    private final URI redis;
    private final long seed;
    private final Path logs;
    private final Map<String, NodeProcess> running = new LinkedHashMap<>();
    private final List<Path> ended = new ArrayList<>();
    private final Set<String> inHand = new HashSet<>();
    private int kills;

    /** @param redis where the workers reach Redis (the fault proxy) */
    SoakWorkers(NodeCluster cluster, URI redis, long seed, String testName) {
        this.cluster = cluster;
        this.redis = redis;
        this.seed = seed;
        this.logs = Path.of("target", "node-logs", testName);
    }

    /** Starts both workers and waits until each is ready. */
    void start() throws IOException, InterruptedException {
        Files.deleteIfExists(stopFile());
        for (String name : NAMES) {
            start(name);
        }
    }

    private void start(String name) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", redis.toString());
        env.put("KEY_PREFIX", cluster.keys.prefix());
        env.put("QUEUE_PREFIX", cluster.keys.queuePrefix());
        env.put("GROUP_NAME", cluster.keys.group());
        env.put("CONSUMER", name);
        env.put("EVENTS", String.join(",", EVENTS));
        if (name.equals("worker-2")) {
            List<String> guilds = cluster.fake.world().guildIds();
            env.put("COMMAND_GUILDS", String.join(",", guilds));
            env.put("SHARD_COUNT", Integer.toString(cluster.shardCount));
            env.put("COMMAND_SEED", Long.toString(seed + kills));
            env.put("COMMAND_PERIOD_MS", "250");
            env.put("COMMAND_STOP", stopFile().toAbsolutePath().toString());
        }
        NodeProcess worker = NodeProcess.start(name, SoakWorker.class, env, logs);
        running.put(name, worker);
        Instant deadline = Instant.now().plus(NodeProcess.START_TIMEOUT);
        while (!worker.logText().contains("soak worker ready")) {
            if (Instant.now().isAfter(deadline) || !worker.alive()) {
                throw new AssertionError(name + " did not start:\n" + worker.logText());
            }
            Thread.sleep(100);
        }
    }

    /** Stops the commands (every command written has been logged when this returns). */
    void stopCommands() throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Files.writeString(stopFile(), "stop\n", StandardCharsets.UTF_8);
        NodeProcess sender = Objects.requireNonNull(running.get("worker-2"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (!sender.logText().contains("commands stopped") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private Path stopFile() {
        return logs.resolve("commands.stop");
    }

    /** SIGKILLs a worker; returns how many entries it held unacknowledged (recorded for the checks). */
    int kill(String name) throws InterruptedException {
        NodeProcess worker = Objects.requireNonNull(running.get(name), name);
        worker.kill();
        kills++;
        Set<String> held = pendingOf(name);
        inHand.addAll(held);
        return held.size();
    }

    /** Starts a killed worker again under its consumer name (it re-reads its own pending entries first). */
    void restart(String name) throws IOException, InterruptedException {
        NodeProcess old = Objects.requireNonNull(running.remove(name), name);
        old.close();
        Path kept = old.log().resolveSibling(name + "." + System.nanoTime() + ".log");
        Files.move(old.log(), kept);
        ended.add(kept);
        start(name);
    }

    /** How many workers were SIGKILLed. */
    int kills() {
        return kills;
    }

    /** Events ("shard session seq") a killed worker held unacknowledged when it died. */
    Set<String> inHand() {
        return Set.copyOf(inHand);
    }

    /** Every line every worker process printed, in order per process, each as {@code [process, line]}. */
    List<String[]> lines() {
        List<String[]> lines = new ArrayList<>();
        List<Path> all = new ArrayList<>(ended);
        running.values().forEach(worker -> all.add(worker.log()));
        for (Path log : all) {
            String process = log.getFileName().toString();
            try {
                Files.readAllLines(log, StandardCharsets.UTF_8)
                        .forEach(line -> lines.add(new String[] {process, line}));
            } catch (IOException e) {
                throw new AssertionError("worker log " + log + " unreadable", e);
            }
        }
        return lines;
    }

    /** The entries delivered to {@code consumer} and not acknowledged, over every stream, as "shard session seq". */
    private Set<String> pendingOf(String consumer) {
        Set<String> held = new HashSet<>();
        for (String name : EVENTS) {
            String stream = cluster.keys.events(name);
            try {
                List<PendingMessage> pending = cluster.redis
                        .commands()
                        .xpending(
                                stream,
                                Consumer.from(SoakWorker.GROUP, consumer),
                                Range.create("-", "+"),
                                Limit.from(10_000));
                for (PendingMessage message : pending) {
                    for (StreamMessage<String, String> entry :
                            cluster.redis.commands().xrange(stream, Range.create(message.getId(), message.getId()))) {
                        Map<String, String> body = entry.getBody();
                        held.add(body.get("shard") + " " + body.get("session") + " " + body.get("seq"));
                    }
                }
            } catch (io.lettuce.core.RedisCommandExecutionException noGroupYet) {
                // a stream no event of this name reached yet has no group: nothing pending there
            }
        }
        return held;
    }

    /** Lines starting with {@code prefix}, split on spaces after it, with the process that printed them first. */
    List<List<String>> records(String prefix) {
        return lines().stream()
                .filter(line -> line[1].startsWith(prefix + " "))
                .map(line -> {
                    List<String> fields = new ArrayList<>();
                    fields.add(line[0]);
                    fields.addAll(List.of(line[1].substring(prefix.length() + 1).split(" ", -1)));
                    return fields;
                })
                .collect(Collectors.toList());
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess worker : running.values()) {
            worker.close();
        }
    }
}
