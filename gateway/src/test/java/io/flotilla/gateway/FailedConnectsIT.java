package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fake.IdentifyRecord;
import io.flotilla.gateway.local.InMemorySessionStore;
import io.flotilla.protocol.ShardId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: a connect that fails (TCP refused, no HELLO) or a store that is down says nothing about the
 * session; only Discord ends one. The shard keeps resuming, through the gateway url after a few failed connects.
 */
class FailedConnectsIT {
    private static int deadPort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }

    /** A live session, handed off by a first shard (so Discord keeps it), with its seq. */
    private static StoredSession liveSession(FakeGatewayHarness h) throws Exception {
        Shard first = h.ready(0);
        h.emitAndAwait(0, java.util.Objects.requireNonNull(first.session()).sessionId(), 20);
        return first.handOff().get(20, TimeUnit.SECONDS);
    }

    @Test
    void anUnreachableResumeUrlIsResumedThroughTheGatewayUrlNeverIdentified() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            StoredSession live = liveSession(h);
            InMemorySessionStore store = new InMemorySessionStore();
            String dead = "ws://127.0.0.1:" + deadPort();
            store.save(new ShardId(0, 2), new StoredSession(live.sessionId(), live.seq(), dead, live.shardTotal()));
            Shard shard = h.shard(h.config(0), new ShardPorts(h.gate, store, h.sink));
            List<StateChange> changes = new CopyOnWriteArrayList<>();
            shard.addListener(changes::add);
            shard.start();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);

            assertThat(h.fake.log().identifies()).hasSize(1);
            assertThat(h.fake.log().resumes()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo("RESUMED");
                assertThat(r.sessionId()).isEqualTo(live.sessionId());
                assertThat(r.path()).as("resumed through the gateway url").isEqualTo("/");
            });
            assertThat(changes)
                    .filteredOn(c -> c.to() == ShardState.RECONNECTING)
                    .hasSize(3)
                    .allSatisfy(c -> assertThat(c.reason()).contains("resume"));
        }
    }

    @Test
    void aStoreDownAtStartIsRetriedNeverAnIdentify() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            StoredSession live = liveSession(h);
            InMemorySessionStore real = new InMemorySessionStore();
            real.save(new ShardId(0, 2), live);
            AtomicInteger loads = new AtomicInteger();
            SessionStore flaky = new SessionStore() {
                @Override
                public CompletionStage<@Nullable StoredSession> load(ShardId shard) {
                    if (loads.incrementAndGet() <= 3) {
                        return CompletableFuture.<@Nullable StoredSession>failedFuture(
                                new IOException("store down (test)"));
                    }
                    return real.load(shard);
                }

                @Override
                public CompletionStage<Void> save(ShardId shard, StoredSession session) {
                    return real.save(shard, session);
                }

                @Override
                public CompletionStage<Void> end(ShardId shard, SessionEnd end) {
                    return real.end(shard, end);
                }
            };
            Shard shard = h.shard(h.config(0), new ShardPorts(h.gate, flaky, h.sink));
            shard.start();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);

            assertThat(loads).hasValue(4);
            assertThat(h.fake.log().identifies()).hasSize(1);
            assertThat(h.fake.log().resumes()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo("RESUMED");
                assertThat(r.seq()).isEqualTo(live.seq());
            });
            assertThat(real.ends()).isEmpty();
        }
    }

    @Test
    void aSessionDiscordNoLongerKnowsEndsOnlyWhenDiscordRefusesTheResume() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            ShardConfig config = h.config(0);
            h.store.save(config.shard(), new StoredSession("gone", 7, "ws://127.0.0.1:" + deadPort(), 2));
            Shard shard = h.shard(config);
            shard.start();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);

            assertThat(h.fake.log().resumes()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo("INVALID_SESSION");
                assertThat(r.path()).isEqualTo("/");
            });
            assertThat(h.fake.log().identifies())
                    .extracting(IdentifyRecord::outcome)
                    .containsExactly("READY");
            assertThat(h.store.ends()).containsExactly(new SessionEnd("gone", 7, SessionEnd.Reason.RESUME_REFUSED));
            assertThat(java.util.Objects.requireNonNull(shard.session()).sessionId())
                    .isNotEqualTo("gone");
        }
    }
}
