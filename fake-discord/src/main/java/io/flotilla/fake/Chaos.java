package io.flotilla.fake;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaos mode: at random times (exponential gaps around a mean) one random fault on one random shard of the
 * world: op 7, op 9 true or false, a heartbeat request, a TCP drop, a close with 4000, a guild outage that
 * ends after half a mean interval, or op 7 instead of HELLO on the next connection. A fatal close code only when asked for. Seeded, so the fault sequence repeats (its timing
 * against client activity does not). Owns one daemon thread while running; start and stop are synchronized.
 */
// Scheduled faults are never awaited: each catches and logs its own failure; stop() shuts the executor down.
@SuppressWarnings("FutureReturnValueIgnored")
final class Chaos {

    private static final Logger LOG = LoggerFactory.getLogger(Chaos.class);

    /** The faults chaos picks from. */
    private enum Fault {
        RECONNECT,
        INVALIDATE_RESUMABLE,
        INVALIDATE,
        HEARTBEAT_REQUEST,
        DROP,
        CLOSE_4000,
        OUTAGE,
        /** The next connection gets op 7 instead of HELLO, then a close (GATEWAY.md 13). */
        RECONNECT_BEFORE_HELLO,
        /** Only when asked for: a close code after which clients must give up (GATEWAY.md 4). */
        CLOSE_FATAL
    }

    private static final int[] FATAL_CODES = {4004, 4010, 4011, 4012, 4013, 4014};

    private final FakeDiscord fake;
    private final AtomicLong faults = new AtomicLong();
    private @Nullable ScheduledExecutorService scheduler;

    Chaos(FakeDiscord fake) {
        this.fake = fake;
    }

    synchronized void start(Duration meanInterval, long seed, boolean fatal) {
        if (meanInterval.isNegative() || meanInterval.isZero()) {
            throw new IllegalArgumentException("chaos mean interval must be positive, was " + meanInterval);
        }
        stop();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "fake-discord-chaos");
            thread.setDaemon(true);
            return thread;
        });
        scheduler = executor;
        Random random = new Random(seed);
        int faultKinds = fatal ? Fault.values().length : Fault.values().length - 1;
        executor.schedule(
                () -> next(executor, random, meanInterval, faultKinds),
                gap(random, meanInterval),
                TimeUnit.NANOSECONDS);
        LOG.info("fake-discord chaos started: a fault every {} ms on average, seed {}", meanInterval.toMillis(), seed);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            LOG.info("fake-discord chaos stopped after {} faults", faults.get());
        }
    }

    long faults() {
        return faults.get();
    }

    private void next(ScheduledExecutorService executor, Random random, Duration mean, int faultKinds) {
        try {
            inject(executor, random, mean, faultKinds);
        } catch (RuntimeException e) {
            LOG.warn("fake-discord chaos fault failed; chaos continues", e);
        }
        if (!executor.isShutdown()) {
            executor.schedule(() -> next(executor, random, mean, faultKinds), gap(random, mean), TimeUnit.NANOSECONDS);
        }
    }

    private void inject(ScheduledExecutorService executor, Random random, Duration mean, int faultKinds) {
        int shardCount = fake.config().world().shardCount();
        FakeShard shard = fake.shard(random.nextInt(shardCount));
        Fault fault = Fault.values()[random.nextInt(faultKinds)];
        LOG.info("fake-discord chaos: {} on shard {}", fault, shard.id());
        faults.incrementAndGet();
        switch (fault) {
            case RECONNECT -> shard.sendReconnect();
            case INVALIDATE_RESUMABLE -> shard.invalidateSession(true);
            case INVALIDATE -> shard.invalidateSession(false);
            case HEARTBEAT_REQUEST -> shard.requestHeartbeat();
            case DROP -> shard.dropConnection();
            case CLOSE_4000 -> shard.close(4000);
            case RECONNECT_BEFORE_HELLO -> fake.context().armReconnectBeforeHello();
            case CLOSE_FATAL -> shard.close(FATAL_CODES[random.nextInt(FATAL_CODES.length)]);
            case OUTAGE -> {
                List<String> guilds = fake.world().guildIds(shard.id(), shardCount);
                if (!guilds.isEmpty()) {
                    String guild = guilds.get(random.nextInt(guilds.size()));
                    shard.startOutage(guild);
                    executor.schedule(() -> shard.endOutage(guild), mean.toNanos() / 2, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private static long gap(Random random, Duration mean) {
        double exponential = -Math.log(1 - random.nextDouble());
        return Math.max(1, (long) (exponential * mean.toNanos()));
    }
}
