package io.flotilla.fake;

import io.flotilla.fake.wire.Intent;
import io.flotilla.fake.world.WorldOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Builds a {@link FakeDiscordConfig}; not thread-safe, one per configuration. Defaults mirror real Discord. */
public final class FakeDiscordConfigBuilder {

    private String token = "fake-bot-token";
    // The world: the small test world unless told otherwise.
    private long seed = 42;
    private int shardCount = 2;
    private int guildsPerShard = 3;
    private int membersPerGuild = 20;
    private int channelsPerGuild = 6;
    private int rolesPerGuild = 4;
    // /gateway/bot: a normal bot has max_concurrency 1 and 1000 identifies per 24 h (GATEWAY.md 5.3).
    private int maxConcurrency = 1;
    private int sessionStartLimit = 1000;
    private Duration sessionStartResetAfter = Duration.ofHours(24);
    // Timers: 41250 ms is the interval often seen in practice; missed beats tolerated for 1.5 intervals.
    private Duration heartbeatInterval = Duration.ofMillis(41_250);
    private @Nullable Duration missedHeartbeatTimeout;
    private Duration identifyWindow = Duration.ofSeconds(5);
    private Duration sessionRetention = Duration.ofMinutes(2);
    // 65536 dispatches: several seconds of backlog per session even at benchmark rates.
    private int sessionBufferSize = 65_536;
    private double eventsPerSecondPerShard;
    // Off: events come from the world generator, so the world and its snapshot stay in step with them.
    private int replayPool;
    // Every privileged intent granted, like an approved bot; tests take some away to provoke 4014.
    private int grantedIntents = Intent.PRIVILEGED;
    private int largeBotShardMultiple = 1;
    private int guildCap = 2500;
    private Duration helloDelay = Duration.ZERO;
    private Duration reconnectCloseDelay = Duration.ofSeconds(3);
    private int sendLimit = 120;
    private Duration sendWindow = Duration.ofSeconds(60);
    private int maxPayloadBytes = 4096;
    private Duration memberRequestCooldown = Duration.ofSeconds(30);
    private boolean zlibSplitFrames;
    private boolean recordDispatches = true;
    private int port;
    // Loopback: nothing outside this machine can reach the fake; a partition test gives its network's hub.
    private InetAddress host = loopback();
    private int ioThreads = Runtime.getRuntime().availableProcessors();

    FakeDiscordConfigBuilder() {}

    public FakeDiscordConfigBuilder token(String value) {
        this.token = value;
        return this;
    }

    public FakeDiscordConfigBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /** Takes every world option, the seed included. */
    public FakeDiscordConfigBuilder world(WorldOptions options) {
        seed = options.seed();
        shardCount = options.shardCount();
        guildsPerShard = options.guildsPerShard();
        membersPerGuild = options.membersPerGuild();
        channelsPerGuild = options.channelsPerGuild();
        rolesPerGuild = options.rolesPerGuild();
        return this;
    }

    public FakeDiscordConfigBuilder shardCount(int value) {
        this.shardCount = value;
        return this;
    }

    public FakeDiscordConfigBuilder guildsPerShard(int value) {
        this.guildsPerShard = value;
        return this;
    }

    public FakeDiscordConfigBuilder membersPerGuild(int value) {
        this.membersPerGuild = value;
        return this;
    }

    public FakeDiscordConfigBuilder maxConcurrency(int value) {
        this.maxConcurrency = value;
        return this;
    }

    public FakeDiscordConfigBuilder sessionStartLimit(int value) {
        this.sessionStartLimit = value;
        return this;
    }

    public FakeDiscordConfigBuilder sessionStartResetAfter(Duration value) {
        this.sessionStartResetAfter = value;
        return this;
    }

    public FakeDiscordConfigBuilder heartbeatInterval(Duration value) {
        this.heartbeatInterval = value;
        return this;
    }

    public FakeDiscordConfigBuilder missedHeartbeatTimeout(Duration value) {
        this.missedHeartbeatTimeout = value;
        return this;
    }

    public FakeDiscordConfigBuilder identifyWindow(Duration value) {
        this.identifyWindow = value;
        return this;
    }

    public FakeDiscordConfigBuilder sessionRetention(Duration value) {
        this.sessionRetention = value;
        return this;
    }

    public FakeDiscordConfigBuilder sessionBufferSize(int value) {
        this.sessionBufferSize = value;
        return this;
    }

    public FakeDiscordConfigBuilder eventsPerSecondPerShard(double value) {
        this.eventsPerSecondPerShard = value;
        return this;
    }

    /**
     * For load generation: n > 0 makes each shard hub generate n dispatches once and then cycle through them
     * (same bytes, each with the session's next seq), so the generator's CPU cost is paid once. The world stops
     * changing while cycling: compare a cache with the world snapshot only with 0 (the default).
     */
    public FakeDiscordConfigBuilder replayPool(int value) {
        this.replayPool = value;
        return this;
    }

    public FakeDiscordConfigBuilder grantedIntents(int value) {
        this.grantedIntents = value;
        return this;
    }

    public FakeDiscordConfigBuilder largeBotShardMultiple(int value) {
        this.largeBotShardMultiple = value;
        return this;
    }

    public FakeDiscordConfigBuilder guildCap(int value) {
        this.guildCap = value;
        return this;
    }

    public FakeDiscordConfigBuilder helloDelay(Duration value) {
        this.helloDelay = value;
        return this;
    }

    public FakeDiscordConfigBuilder reconnectCloseDelay(Duration value) {
        this.reconnectCloseDelay = value;
        return this;
    }

    public FakeDiscordConfigBuilder sendLimit(int frames, Duration window) {
        this.sendLimit = frames;
        this.sendWindow = window;
        return this;
    }

    public FakeDiscordConfigBuilder maxPayloadBytes(int value) {
        this.maxPayloadBytes = value;
        return this;
    }

    public FakeDiscordConfigBuilder memberRequestCooldown(Duration value) {
        this.memberRequestCooldown = value;
        return this;
    }

    public FakeDiscordConfigBuilder zlibSplitFrames(boolean value) {
        this.zlibSplitFrames = value;
        return this;
    }

    /** Off for load generation: the log then keeps no per-dispatch records (identifies etc. are still kept). */
    public FakeDiscordConfigBuilder recordDispatches(boolean value) {
        this.recordDispatches = value;
        return this;
    }

    public FakeDiscordConfigBuilder port(int value) {
        this.port = value;
        return this;
    }

    /** The one address to listen on and to advertise (default 127.0.0.1). */
    public FakeDiscordConfigBuilder host(InetAddress value) {
        this.host = value;
        return this;
    }

    public FakeDiscordConfigBuilder ioThreads(int value) {
        this.ioThreads = value;
        return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the bad setting. */
    public FakeDiscordConfig build() {
        Duration missed = missedHeartbeatTimeout != null
                ? missedHeartbeatTimeout
                : heartbeatInterval.multipliedBy(3).dividedBy(2);
        return new FakeDiscordConfig(
                token,
                new WorldOptions(seed, shardCount, guildsPerShard, membersPerGuild, channelsPerGuild, rolesPerGuild),
                maxConcurrency,
                sessionStartLimit,
                sessionStartResetAfter,
                heartbeatInterval,
                missed,
                identifyWindow,
                sessionRetention,
                sessionBufferSize,
                eventsPerSecondPerShard,
                replayPool,
                grantedIntents,
                largeBotShardMultiple,
                guildCap,
                helloDelay,
                reconnectCloseDelay,
                sendLimit,
                sendWindow,
                maxPayloadBytes,
                memberRequestCooldown,
                zlibSplitFrames,
                recordDispatches,
                port,
                host,
                ioThreads);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is always a valid address", e);
        }
    }
}
