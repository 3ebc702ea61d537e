package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import io.netty.channel.EventLoopGroup;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards of one node, on one shared event loop group and one set of ports. Its node-wide rule: when a shard
 * fails with a close that concerns the token or the application ({@link io.flotilla.protocol.CloseCode.Scope
 * #APPLICATION}: 4004, 4013, 4014), every other shard would get the same answer, so all of them fail at once
 * (no further identify is spent), with one ERROR line naming the cause and the fix. A failure of one shard alone
 * (4010, 4011, 4012) stays that shard's, logged by it.
 *
 * <p>Thread-safe: the methods may be called from any thread; each shard runs on its own event loop.
 */
public final class ShardGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ShardGroup.class);

    private final ShardPorts ports;
    private final EventLoopGroup loops;
    private final InstantSource clock;
    private final SplittableRandom random;
    private final ShardObserver observer;
    private final Map<ShardId, Shard> shards = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable ShardFailure> applicationFailure = new AtomicReference<>();

    public ShardGroup(ShardPorts ports, EventLoopGroup loops, InstantSource clock, long seed) {
        this(ports, loops, clock, seed, ShardObserver.NONE);
    }

    /** @param observer watches every shard of the group from its start (metrics, logs) */
    public ShardGroup(ShardPorts ports, EventLoopGroup loops, InstantSource clock, long seed, ShardObserver observer) {
        this.ports = ports;
        this.loops = loops;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.observer = observer;
    }

    /**
     * Creates and starts a shard. Refused when the shard already runs here, or after an application-wide failure
     * (its cause would fail this one too).
     */
    public Shard start(ShardConfig config) {
        ShardFailure failed = applicationFailure.get();
        if (failed != null) {
            throw new IllegalStateException("shard " + config.shard() + " not started: " + failed.message());
        }
        SplittableRandom own;
        synchronized (random) {
            own = random.split();
        }
        Shard shard = new Shard(config, ports, loops, clock, own, this::failed, observer);
        if (shards.putIfAbsent(config.shard(), shard) != null) {
            throw new IllegalStateException("shard " + config.shard() + " already runs on this node");
        }
        shard.terminated().whenComplete((state, error) -> shards.remove(config.shard(), shard));
        shard.start();
        return shard;
    }

    /** Hands a shard to another node ({@link Shard#handOff()}); it leaves the group when done. */
    public CompletableFuture<StoredSession> handOff(ShardId id) {
        Shard shard = shards.get(id);
        if (shard == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("shard " + id + " does not run here"));
        }
        return shard.handOff();
    }

    /** Stops a shard ({@link Shard#stop()}, close 1000); completes at once when it does not run here. */
    public CompletableFuture<ShardState> stop(ShardId id) {
        Shard shard = shards.get(id);
        return shard == null ? CompletableFuture.completedFuture(ShardState.STOPPED) : shard.stop();
    }

    /** Stops every shard; completes when all have ended. */
    public CompletableFuture<Void> stopAll() {
        return CompletableFuture.allOf(shards.values().stream().map(Shard::stop).toArray(CompletableFuture[]::new));
    }

    /** The shards running here, by id order. */
    public List<Shard> shards() {
        return shards.values().stream()
                .sorted((a, b) -> Integer.compare(a.id().id(), b.id().id()))
                .toList();
    }

    public @Nullable Shard shard(ShardId id) {
        return shards.get(id);
    }

    /** The application-wide failure that stopped every shard, or null. */
    public @Nullable ShardFailure failure() {
        return applicationFailure.get();
    }

    /** A shard FAILED (on its loop). */
    private void failed(ShardFailure failure) {
        if (applicationFailure.get() != null) {
            LOG.debug("shard {} failed: {}", failure.shard(), failure.message());
            return;
        }
        if (!failure.applicationWide()) {
            LOG.error(failure.message());
            return;
        }
        if (!applicationFailure.compareAndSet(null, failure)) {
            LOG.debug("shard {} failed too: {}", failure.shard(), failure.message());
            return;
        }
        List<Shard> others = shards.values().stream()
                .filter(s -> !s.id().equals(failure.shard()))
                .toList();
        LOG.error(
                "{}; this concerns the whole application, so all {} shards of this node stop now",
                failure.message(),
                others.size() + 1);
        for (Shard other : others) {
            other.fail("stopped with every shard of this node: " + failure.message());
        }
    }
}
