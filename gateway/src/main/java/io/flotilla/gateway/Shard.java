package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.GatewayCommand;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's connection to the Discord gateway: connects, identifies through the {@link IdentifyGate} or resumes
 * from the {@link SessionStore}, heartbeats, detects zombies, reconnects per close code, paces commands and hands
 * dispatches to the {@link DispatchSink} with backpressure.
 *
 * <p>Threading: a shard is bound at construction to one event loop of the shared group and all its state is owned
 * by that loop; the public methods may be called from any thread and hop onto it. Many shards share one group; a
 * shard has no thread of its own, and allocates its buffers only when data arrives.
 */
public final class Shard {
    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

    private final ShardConfig config;
    private final EventLoop loop;
    private final ShardStateMachine states;
    private final ShardDriver driver;

    /** A shard on the system clock with its own random source. */
    public Shard(ShardConfig config, ShardPorts ports, EventLoopGroup group) {
        this(config, ports, group, Clock.systemUTC(), new SplittableRandom());
    }

    /**
     * @param clock timestamps of state changes, heartbeat latency and backoff decisions
     * @param random heartbeat jitter and reconnect jitter; used on the shard's loop only
     */
    public Shard(
            ShardConfig config, ShardPorts ports, EventLoopGroup group, InstantSource clock, RandomGenerator random) {
        this(config, ports, group, clock, random, failure -> LOG.error(failure.message()), ShardObserver.NONE);
    }

    /**
     * @param onFailure told once, on the shard's loop, when it FAILED (a {@link ShardGroup} reports node-wide)
     * @param observer watches the shard from its first state change
     */
    Shard(
            ShardConfig config,
            ShardPorts ports,
            EventLoopGroup group,
            InstantSource clock,
            RandomGenerator random,
            Consumer<ShardFailure> onFailure,
            ShardObserver observer) {
        this.config = config;
        this.loop = group.next();
        this.states = new ShardStateMachine(config.shard(), clock);
        if (observer != ShardObserver.NONE) {
            states.addListener(observer::stateChanged);
        }
        this.driver = new ShardDriver(config, ports, loop, clock, random, states, onFailure, observer);
    }

    public ShardId id() {
        return config.shard();
    }

    /** Connects: resumes the stored session if there is one for this shard count, identifies otherwise. */
    public void start() {
        loop.execute(driver::start);
    }

    /** Shuts down: closes with 1000, which ends the session for good. Completes when STOPPED. */
    public CompletableFuture<ShardState> stop() {
        loop.execute(() -> driver.ending().stop());
        return driver.ending().terminated();
    }

    /**
     * Hands the session to another node: stops reading, waits for the sink to commit what it has (at most the
     * hand-off timeout of {@link ShardTimings}), closes with a resumable code (not 1000/1001) and completes with the
     * session the next owner resumes, at the seq the sink committed (never the received one). Completes even when
     * the sink never answers.
     */
    public CompletableFuture<StoredSession> handOff() {
        CompletableFuture<StoredSession> result = new CompletableFuture<>();
        loop.execute(() -> driver.ending().handOff(result));
        return result;
    }

    /**
     * Queues a command; it goes out when the session is READY and the connection's send budget allows (110 per
     * 60 s by default, receipt beats included). Completes once Discord provably read it on the connection it was
     * written to: a heartbeat written after it was ACKed, or the server answered the shard's close
     * ({@link CommandReceipts}). Fails with {@link CommandQueueFullException} if the queue is full, with another
     * exception if the shard stops (or hands off, or fails) before writing it, or if the connection ended before
     * the proof: Discord may or may not have read it, and the caller may send it again.
     */
    public CompletableFuture<Void> send(GatewayCommand command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> driver.send(command, done));
        return done;
    }

    public ShardState state() {
        return states.current();
    }

    /** Round trip of the last acknowledged heartbeat, or null before the first ACK. */
    public @Nullable Duration latency() {
        return driver.latency();
    }

    /** Why the shard FAILED, naming the cause and the fix; null unless FAILED. */
    public @Nullable String failure() {
        ShardFailure failed = driver.ending().failure();
        return failed == null ? null : failed.message();
    }

    /** Why the shard FAILED, with the fatal close code if one was the cause; null unless FAILED. */
    public @Nullable ShardFailure failureDetail() {
        return driver.ending().failure();
    }

    /** Fails the shard at once without retry (its group stops because of another shard's fatal close). */
    void fail(String why) {
        loop.execute(() -> driver.ending().fail(why, null));
    }

    /** The current session (id, last seq, resume url), or null before READY. */
    public @Nullable StoredSession session() {
        return driver.session();
    }

    /** Completes with STOPPED or FAILED when the shard ends. */
    public CompletableFuture<ShardState> terminated() {
        return driver.ending().terminated();
    }

    public void addListener(ShardStateListener listener) {
        states.addListener(listener);
    }

    @Override
    public String toString() {
        return "Shard" + config.shard() + "[" + states.current() + "]";
    }
}
