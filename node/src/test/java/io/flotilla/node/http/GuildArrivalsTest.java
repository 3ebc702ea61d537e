package io.flotilla.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.StateChange;
import io.flotilla.protocol.ShardId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GuildArrivalsTest {
    private static final ShardId SHARD = new ShardId(3, 4);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final GuildArrivals guilds = new GuildArrivals(clock);

    private static Dispatch dispatch(String type, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return new Dispatch(SHARD, "s", 1, type, bytes, 0, bytes.length);
    }

    @Test
    void theGuildsOfReadyArePendingUntilEachGuildCreateArrived() {
        guilds.accept(
                SHARD,
                dispatch(
                        "READY",
                        "{\"v\":10,\"guilds\":[{\"id\":\"1\",\"unavailable\":true},"
                                + "{\"unavailable\":true,\"id\":\"2\"}],\"session_id\":\"s\"}"));
        assertThat(guilds.pending()).containsExactly(3);
        guilds.accept(SHARD, dispatch("GUILD_CREATE", "{\"name\":\"a\",\"roles\":[{\"id\":\"9\"}],\"id\":\"1\"}"));
        guilds.accept(SHARD, dispatch("MESSAGE_CREATE", "{\"id\":\"2\"}"));
        assertThat(guilds.pending()).containsExactly(3);
        guilds.accept(SHARD, dispatch("GUILD_CREATE", "{\"id\":\"2\"}"));
        assertThat(guilds.pending()).isEmpty();
    }

    @Test
    void aReadyWithoutGuildsWaitsForNothing() {
        guilds.accept(SHARD, dispatch("READY", "{\"guilds\":[]}"));
        assertThat(guilds.pending()).isEmpty();
    }

    @Test
    void aGuildThatNeverArrivesStopsCountingAfterTheQuietTime() {
        guilds.accept(SHARD, dispatch("READY", "{\"guilds\":[{\"id\":\"1\"}]}"));
        now.set(now.get().plus(GuildArrivals.QUIET).minusMillis(1));
        assertThat(guilds.pending()).containsExactly(3);
        now.set(now.get().plus(Duration.ofMillis(1)));
        assertThat(guilds.pending()).isEmpty();
    }

    @Test
    void aShardStartedAfreshForgetsWhatTheOldOneWaitedFor() {
        guilds.accept(SHARD, dispatch("READY", "{\"guilds\":[{\"id\":\"1\"}]}"));
        guilds.stateChanged(new StateChange(SHARD, ShardState.NEW, ShardState.CONNECTING, now.get(), "starting"));
        assertThat(guilds.pending()).isEmpty();
    }
}
