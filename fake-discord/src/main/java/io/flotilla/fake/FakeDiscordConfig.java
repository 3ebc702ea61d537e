package io.flotilla.fake;

import io.flotilla.fake.wire.Intent;
import io.flotilla.fake.world.WorldOptions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link FakeDiscord} is started with: immutable, validated once in the constructor. Build one with
 * {@link #builder()}; every default is next to its builder field with the reason for it.
 *
 * @param token the bot token clients must present (never printed: {@link #toString()} masks it)
 * @param world the simulated world's size and seed
 * @param maxConcurrency {@code /gateway/bot max_concurrency}: identify buckets are {@code shard_id % this}
 * @param sessionStartLimit {@code session_start_limit.total}: identifies allowed per reset window
 * @param sessionStartResetAfter how long until the identify budget is refilled
 * @param heartbeatInterval HELLO's {@code heartbeat_interval}
 * @param missedHeartbeatTimeout no heartbeat for this long closes the connection with 4009
 * @param identifyWindow one identify per bucket per this window, else op 9 false (real: 5 s)
 * @param sessionRetention how long a session stays resumable after its connection ended without 1000/1001
 * @param sessionBufferSize dispatches each session keeps for live sending and replay (a power of two)
 * @param eventsPerSecondPerShard generated events per second per shard hub with sessions (0: only on emit)
 * @param replayPool 0: every event comes from the world generator; n > 0: each shard hub generates n dispatches
 *     once and then cycles through them (same bytes, fresh seqs), for load generation: the world then no longer
 *     changes, so a cache compared with the world snapshot is meaningful only with 0
 * @param grantedIntents privileged intents the application is granted; others get close 4014
 * @param largeBotShardMultiple shard counts must be a multiple of this, else close 4010
 * @param guildCap a shard with more guilds than this gets close 4011 (real: 2500)
 * @param helloDelay wait this long after the upgrade before sending HELLO
 * @param reconnectCloseDelay after op 7, close the connection after this if the client did not
 * @param sendLimit frames a client may send per {@code sendWindow}, else close 4008
 * @param sendWindow the sliding window of the send limit
 * @param maxPayloadBytes larger client payloads get close 4002
 * @param memberRequestCooldown one full member list per guild per this, else RATE_LIMITED (real: 30 s)
 * @param zlibSplitFrames split each zlib-stream payload over several WebSocket messages
 * @param recordDispatches keep a record of every dispatch produced and written (the log's exact part)
 * @param port the TCP port on {@code host}, 0 for a free one
 * @param host the one address the fake listens on and advertises in its gateway URLs: 127.0.0.1, or another
 *     address of this machine that clients in a test network namespace reach (never a wildcard address)
 * @param ioThreads Netty event-loop threads (connections and shard hubs share them)
 */
public record FakeDiscordConfig(
        String token,
        WorldOptions world,
        int maxConcurrency,
        int sessionStartLimit,
        Duration sessionStartResetAfter,
        Duration heartbeatInterval,
        Duration missedHeartbeatTimeout,
        Duration identifyWindow,
        Duration sessionRetention,
        int sessionBufferSize,
        double eventsPerSecondPerShard,
        int replayPool,
        int grantedIntents,
        int largeBotShardMultiple,
        int guildCap,
        Duration helloDelay,
        Duration reconnectCloseDelay,
        int sendLimit,
        Duration sendWindow,
        int maxPayloadBytes,
        Duration memberRequestCooldown,
        boolean zlibSplitFrames,
        boolean recordDispatches,
        int port,
        InetAddress host,
        int ioThreads) {

    public FakeDiscordConfig {
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(host, "host");
        if (host.isAnyLocalAddress()) {
            throw new IllegalArgumentException("fake-discord host must be one address (127.0.0.1 or a test network's),"
                    + " never the wildcard " + host.getHostAddress() + ": the fake would listen on every interface");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(
                    "fake-discord token must not be blank; set it with builder().token(...)");
        }
        atLeast("maxConcurrency", maxConcurrency, 1);
        atLeast("sessionStartLimit", sessionStartLimit, 0);
        atLeast("sessionBufferSize", sessionBufferSize, 16);
        if (Integer.bitCount(sessionBufferSize) != 1) {
            throw new IllegalArgumentException(
                    "fake-discord sessionBufferSize must be a power of two, was " + sessionBufferSize);
        }
        atLeast("replayPool", replayPool, 0);
        atLeast("largeBotShardMultiple", largeBotShardMultiple, 1);
        atLeast("guildCap", guildCap, 1);
        atLeast("sendLimit", sendLimit, 1);
        atLeast("maxPayloadBytes", maxPayloadBytes, 64);
        atLeast("port", port, 0);
        atLeast("ioThreads", ioThreads, 1);
        if (port > 65535) {
            throw new IllegalArgumentException("fake-discord port must be at most 65535, was " + port);
        }
        if (!(eventsPerSecondPerShard >= 0) || Double.isInfinite(eventsPerSecondPerShard)) {
            throw new IllegalArgumentException("fake-discord eventsPerSecondPerShard must be a finite number >= 0, was "
                    + eventsPerSecondPerShard);
        }
        if ((grantedIntents & ~Intent.PRIVILEGED) != 0) {
            throw new IllegalArgumentException("fake-discord grantedIntents may hold only privileged bits ("
                    + Intent.PRIVILEGED + "), was " + grantedIntents);
        }
        positive("heartbeatInterval", heartbeatInterval);
        positive("missedHeartbeatTimeout", missedHeartbeatTimeout);
        positive("identifyWindow", identifyWindow);
        positive("sessionStartResetAfter", sessionStartResetAfter);
        positive("sendWindow", sendWindow);
        notNegative("sessionRetention", sessionRetention);
        notNegative("helloDelay", helloDelay);
        notNegative("reconnectCloseDelay", reconnectCloseDelay);
        notNegative("memberRequestCooldown", memberRequestCooldown);
        if (missedHeartbeatTimeout.compareTo(heartbeatInterval) < 0) {
            throw new IllegalArgumentException("fake-discord missedHeartbeatTimeout (" + millis(missedHeartbeatTimeout)
                    + ") must not be shorter than heartbeatInterval (" + millis(heartbeatInterval) + ")");
        }
    }

    public static FakeDiscordConfigBuilder builder() {
        return new FakeDiscordConfigBuilder();
    }

    /** The token as logs may show it. */
    public String maskedToken() {
        return token.length() <= 4 ? "****" : token.substring(0, 4) + "****";
    }

    @Override
    public String toString() {
        return "FakeDiscordConfig[token=" + maskedToken() + ", world=" + world + ", maxConcurrency=" + maxConcurrency
                + ", sessionStartLimit=" + sessionStartLimit + ", heartbeatInterval=" + heartbeatInterval
                + ", missedHeartbeatTimeout=" + missedHeartbeatTimeout + ", identifyWindow=" + identifyWindow
                + ", sessionRetention=" + sessionRetention + ", sessionBufferSize=" + sessionBufferSize
                + ", eventsPerSecondPerShard=" + eventsPerSecondPerShard + ", replayPool=" + replayPool
                + ", grantedIntents=" + grantedIntents
                + ", host=" + host.getHostAddress() + ", port=" + port + "]";
    }

    /** The host as it goes into a URL: an IPv6 literal in brackets. */
    public String urlHost() {
        return host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("fake-discord " + name + " must be at least " + min + ", was " + value);
        }
    }

    /** Durations in messages in milliseconds, the unit of Main's flags. */
    private static String millis(Duration value) {
        return value.toNanos() % 1_000_000 == 0 ? value.toMillis() + " ms" : value.toNanos() / 1e6 + " ms";
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("fake-discord " + name + " must be positive, was " + millis(value));
        }
    }

    private static void notNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("fake-discord " + name + " must not be negative, was " + millis(value));
        }
    }
}
