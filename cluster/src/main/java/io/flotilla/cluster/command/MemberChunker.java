package io.flotilla.cluster.command;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code CHUNK_MEMBERS} option: after the GUILD_CREATE of a large guild (GATEWAY.md 11.1: only some members
 * are included), requests all its members (op 8, {@code query ""}, {@code limit 0}) through the
 * {@link CommandTarget}, at most {@code perWindow} requests per shard per {@code window}, so the shard's send
 * budget (120 per 60 s, section 6) keeps room for heartbeats and workers' commands. Each guild is requested
 * once per GUILD_CREATE.
 *
 * <p>Thread-safe: shards report guilds from their event loops; a scheduler calls {@link #tick} (every second is
 * plenty). Time comes from the injected clock.
 */
public final class MemberChunker {
    private static final Logger LOG = LoggerFactory.getLogger(MemberChunker.class);

    private final CommandTarget target;
    private final InstantSource clock;
    private final int perWindow;
    private final Duration window;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, ArrayDeque<String>> waiting = new HashMap<>(); // guarded by lock
    private final Map<Integer, ArrayDeque<Instant>> sent = new HashMap<>(); // guarded by lock

    public MemberChunker(CommandTarget target, InstantSource clock, int perWindow, Duration window) {
        if (perWindow < 1) {
            throw new IllegalArgumentException("member requests per window must be at least 1, was " + perWindow);
        }
        this.target = target;
        this.clock = clock;
        this.perWindow = perWindow;
        this.window = window;
    }

    /** Defaults: 20 requests per shard per minute, a sixth of Discord's send budget. */
    public static MemberChunker withDefaults(CommandTarget target, InstantSource clock) {
        return new MemberChunker(target, clock, 20, Duration.ofMinutes(1));
    }

    /** A GUILD_CREATE arrived on the shard; queues a request when the guild is large. */
    public void guildCreated(int shard, String guildId, boolean large) {
        if (!large) {
            return;
        }
        lock.lock();
        try {
            ArrayDeque<String> queue = waiting.computeIfAbsent(shard, s -> new ArrayDeque<>());
            if (!queue.contains(guildId)) {
                queue.add(guildId);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends the requests the budget allows now. */
    public void tick() {
        Instant now = clock.instant();
        List<Command> due = new ArrayList<>();
        lock.lock();
        try {
            for (Map.Entry<Integer, ArrayDeque<String>> entry : waiting.entrySet()) {
                ArrayDeque<Instant> recent = sent.computeIfAbsent(entry.getKey(), s -> new ArrayDeque<>());
                while (!recent.isEmpty() && !recent.peek().plus(window).isAfter(now)) {
                    recent.poll();
                }
                while (recent.size() < perWindow && !entry.getValue().isEmpty()) {
                    recent.add(now);
                    due.add(request(entry.getKey(), entry.getValue().poll()));
                }
            }
        } finally {
            lock.unlock();
        }
        // Handed over outside the lock; the target never blocks.
        for (Command command : due) {
            target.send(command).whenComplete((sentOk, failure) -> {
                if (failure != null) {
                    LOG.warn("member request for shard {} not sent: {}", command.shard(), failure.getMessage());
                }
            });
        }
    }

    private static Command request(int shard, String guildId) {
        String data = "{\"guild_id\":\"" + guildId + "\",\"query\":\"\",\"limit\":0,\"nonce\":\"c" + guildId + "\"}";
        return Command.of(shard, 8, data, "");
    }

    /** Guilds waiting for their request, over all shards (for metrics and tests). */
    public int waiting() {
        lock.lock();
        try {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }
}
