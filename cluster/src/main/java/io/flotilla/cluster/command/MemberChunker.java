package io.flotilla.cluster.command;

import io.flotilla.protocol.Snowflake;
import io.flotilla.protocol.json.GatewayCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code CHUNK_MEMBERS} option: after the GUILD_CREATE of a large guild (GATEWAY.md 11.1: only some members
 * are included), requests all its members (op 8, {@code query ""}, {@code limit 0}, nonce {@code c<guild>})
 * through the {@link CommandTarget}, at most {@code perWindow} requests per shard per {@code window}, so the
 * shard's send budget (120 per 60 s, section 6) keeps room for heartbeats and workers' commands.
 *
 * <p>Discord serves one all-members request per guild per 30 s and answers a second one with a
 * {@code RATE_LIMITED} dispatch (section 6). So a guild is never requested again within
 * {@link #ALL_MEMBERS_INTERVAL} of its last request (a later GUILD_CREATE waits), and when {@link #rateLimited}
 * reports a refusal of a request this chunker sent (its nonce), the guild is requested again after
 * {@code retry_after}, not earlier, and still no sooner than 30 s after the refused request. Refusals of other
 * requests (a worker's own op 8) are not ours to repeat.
 *
 * <p>Thread-safe: shards report guilds and refusals from their event loops; a scheduler calls {@link #tick}
 * (every second is plenty). Time comes from the injected clock.
 */
public final class MemberChunker {
    /** Discord's rule: one all-members request per guild per 30 s (GATEWAY.md section 6). */
    public static final Duration ALL_MEMBERS_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(MemberChunker.class);

    private record Deferred(int shard, Instant notBefore) {}

    private final CommandTarget target;
    private final InstantSource clock;
    private final int perWindow;
    private final Duration window;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, ArrayDeque<String>> waiting = new HashMap<>(); // guarded by lock
    private final Map<Integer, ArrayDeque<Instant>> sent = new HashMap<>(); // guarded by lock
    private final Map<String, Instant> lastRequested = new HashMap<>(); // guarded by lock; pruned after 30 s
    private final Map<String, Deferred> deferred = new HashMap<>(); // guarded by lock

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
            if (!deferred.containsKey(guildId) && !queue.contains(guildId)) {
                queue.add(guildId);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A {@code RATE_LIMITED} dispatch arrived on the shard. When it refuses an all-members request this chunker
     * sent, the guild is requested again once {@code retry_after} has passed (and 30 s since the refused one).
     */
    public void rateLimited(int shard, RateLimited refusal) {
        String guildId = refusal.guildId();
        if (refusal.opcode() != 8 || guildId == null || !nonce(guildId).equals(refusal.nonce())) {
            return;
        }
        Instant now = clock.instant();
        lock.lock();
        try {
            Instant notBefore = now.plus(refusal.retryAfter());
            Instant last = lastRequested.get(guildId);
            if (last != null && last.plus(ALL_MEMBERS_INTERVAL).isAfter(notBefore)) {
                notBefore = last.plus(ALL_MEMBERS_INTERVAL);
            }
            deferred.put(guildId, new Deferred(shard, notBefore));
            ArrayDeque<String> queue = waiting.get(shard);
            if (queue != null) {
                queue.remove(guildId);
            }
        } finally {
            lock.unlock();
        }
        LOG.info(
                "member request for guild {} on shard {} was rate limited; asking again after {}",
                guildId,
                shard,
                refusal.retryAfter());
    }

    /** Sends the requests the budget allows now. */
    public void tick() {
        Instant now = clock.instant();
        List<Command> due = new ArrayList<>();
        lock.lock();
        try {
            lastRequested.values().removeIf(at -> !at.plus(ALL_MEMBERS_INTERVAL).isAfter(now));
            for (Iterator<Map.Entry<String, Deferred>> it = deferred.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Deferred> entry = it.next();
                if (!entry.getValue().notBefore().isAfter(now)) {
                    it.remove();
                    waiting.computeIfAbsent(entry.getValue().shard(), s -> new ArrayDeque<>())
                            .addFirst(entry.getKey()); // it waited longest
                }
            }
            for (Map.Entry<Integer, ArrayDeque<String>> entry : waiting.entrySet()) {
                int shard = entry.getKey();
                ArrayDeque<Instant> recent = sent.computeIfAbsent(shard, s -> new ArrayDeque<>());
                while (!recent.isEmpty() && !recent.peek().plus(window).isAfter(now)) {
                    recent.poll();
                }
                while (recent.size() < perWindow && !entry.getValue().isEmpty()) {
                    String guildId = entry.getValue().poll();
                    Instant last = lastRequested.get(guildId);
                    if (last != null) { // asked within 30 s: Discord would refuse it
                        deferred.put(guildId, new Deferred(shard, last.plus(ALL_MEMBERS_INTERVAL)));
                        continue;
                    }
                    recent.add(now);
                    lastRequested.put(guildId, now);
                    due.add(request(shard, guildId));
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
        GatewayCommand command = GatewayCommand.requestMembers(Snowflake.parse(guildId), "", 0, nonce(guildId));
        return new Command(shard, command.op().code(), command.json(), "");
    }

    private static String nonce(String guildId) {
        return "c" + guildId;
    }

    /** Guilds waiting for their request (now or after a refusal), over all shards (for metrics and tests). */
    public int waiting() {
        lock.lock();
        try {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum() + deferred.size();
        } finally {
            lock.unlock();
        }
    }
}
