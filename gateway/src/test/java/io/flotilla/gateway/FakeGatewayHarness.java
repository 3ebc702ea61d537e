package io.flotilla.gateway;

import static org.awaitility.Awaitility.await;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.fake.FakeDiscordConfigBuilder;
import io.flotilla.fake.ProducedDispatch;
import io.flotilla.gateway.local.InMemorySessionStore;
import io.flotilla.gateway.local.LocalIdentifyGate;
import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a fake Discord with short timings and builds shards against it on one shared event loop group, with the
 * in-memory ports. Closes everything it started.
 */
final class FakeGatewayHarness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeGatewayHarness.class);
    /**
     * 40x faster than Discord's 41.25 s, yet wide enough for a loaded 2-core machine: at 400 ms a late ACK (a GC,
     * another build) looked like a zombie now and then, and the fake's 1.5x missed-heartbeat close came at 600 ms.
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** The fake closes with 4009 after this long without a heartbeat: 4 intervals (no test relies on this close). */
    static final Duration MISSED_HEARTBEAT = HEARTBEAT.multipliedBy(4);

    static final Duration IDENTIFY_WINDOW = Duration.ofMillis(500);
    static final Duration SEND_WINDOW = Duration.ofSeconds(1);
    static final Duration WAIT = Duration.ofSeconds(20);

    final FakeDiscord fake;
    final EventLoopGroup group = ShardEventLoops.create(2);
    final InMemorySessionStore store = new InMemorySessionStore();
    final LocalIdentifyGate gate;
    final RecordingSink sink;
    private final List<Shard> shards = new ArrayList<>();

    FakeGatewayHarness(UnaryOperator<FakeDiscordConfigBuilder> fakeConfig, RecordingSink sink) {
        FakeDiscordConfig config = fakeConfig
                .apply(FakeDiscordConfig.builder()
                        .shardCount(2)
                        .guildsPerShard(3)
                        .heartbeatInterval(HEARTBEAT)
                        .missedHeartbeatTimeout(MISSED_HEARTBEAT)
                        .identifyWindow(IDENTIFY_WINDOW)
                        .reconnectCloseDelay(Duration.ofMillis(500))
                        // Heartbeats are 100x faster than Discord's, so the send window shrinks too: a 400 ms beat
                        // in a 60 s window would alone exceed the 120 frames (real: about 1.5 beats per window).
                        .sendLimit(120, SEND_WINDOW)
                        .sessionRetention(Duration.ofSeconds(30)))
                .build();
        this.fake = FakeDiscord.start(config);
        // 150 ms over the fake's window: on a loaded 2-core machine a grant and the fake's decision on it can be
        // that far apart, and the gate times grants (at Discord's 5 s its own 5 % guard covers this).
        this.gate = new LocalIdentifyGate(
                config.maxConcurrency(), config.identifyWindow().plusMillis(150), Clock.systemUTC(), group);
        this.sink = sink;
    }

    FakeGatewayHarness() {
        this(b -> b, RecordingSink.unbounded());
    }

    ShardTimings timings() {
        return ShardTimings.defaults()
                .withBackoff(
                        Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(300))
                .withSendWindow(fake.config().sendWindow());
    }

    ShardConfig config(int shardId) {
        return ShardConfig.of(
                        new Token(fake.config().token()),
                        new ShardId(shardId, fake.config().world().shardCount()),
                        new Intents(Intents.KNOWN),
                        fake.gatewayUrl())
                .withTimings(timings());
    }

    Shard shard(ShardConfig config) {
        return shard(config, new ShardPorts(gate, store, sink));
    }

    Shard shard(ShardConfig config, ShardPorts ports) {
        Shard shard = new Shard(config, ports, group);
        shards.add(shard);
        return shard;
    }

    /** Starts shard {@code id} and waits for READY. */
    Shard ready(int id) {
        Shard shard = shard(config(id));
        shard.start();
        awaitState(shard, ShardState.READY);
        return shard;
    }

    static void awaitState(Shard shard, ShardState state) {
        await().atMost(WAIT).until(shard::state, s -> s == state);
    }

    /** Makes the fake emit {@code count} events on the shard's session and waits until the sink has them all. */
    void emitAndAwait(int shardId, String sessionId, int count) {
        int target = produced(sessionId).size() + count;
        fake.shard(shardId).emit(count);
        await().atMost(WAIT)
                .until(() -> produced(sessionId).size() >= target
                        && sink.seqs(sessionId).size() == produced(sessionId).size());
    }

    /** The seqs the fake produced into a session, in order. */
    List<Long> produced(String sessionId) {
        return fake.log().sessionEvents(sessionId).stream()
                .map(ProducedDispatch::seq)
                .toList();
    }

    @Override
    public void close() {
        for (Shard shard : shards) {
            try {
                shard.stop().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while stopping {}", shard, e);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{} did not stop cleanly; closing the event loops ends it", shard, e);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        fake.close();
        sink.close();
    }
}
