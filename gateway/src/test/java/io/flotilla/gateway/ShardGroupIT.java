package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flotilla.protocol.ShardId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 12 item 13: a close about the token or the application stops every shard of the node at once. */
class ShardGroupIT {
    @Test
    void aRejectedTokenFailsEveryShardOfTheNodeAtOnceWithOneIdentify() throws Exception {
        // A 2 s identify window: failing one shard at a time would take at least 2 s per shard.
        try (FakeGatewayHarness h = new FakeGatewayHarness(
                b -> b.shardCount(4).identifyWindow(Duration.ofSeconds(2)), RecordingSink.unbounded())) {
            ShardGroup group = new ShardGroup(new ShardPorts(h.gate, h.store, h.sink), h.group, Clock.systemUTC(), 1);
            List<Shard> shards = new ArrayList<>();
            for (int id = 0; id < 4; id++) {
                shards.add(group.start(h.config(id).withToken(new Token("wrong-token"))));
            }
            CompletableFuture.allOf(shards.stream().map(Shard::terminated).toArray(CompletableFuture[]::new))
                    .get(1500, TimeUnit.MILLISECONDS);

            assertThat(shards).allSatisfy(s -> {
                assertThat(s.state()).isEqualTo(ShardState.FAILED);
                assertThat(s.failure()).contains("4004").contains("BOT_TOKEN").doesNotContain("wrong-token");
            });
            assertThat(h.fake.log().identifies())
                    .as("one identify spent, not one per shard")
                    .hasSize(1);
            assertThat(group.failure()).isNotNull();
            // The group forgets a shard when its end reaches the group's listener, just after its terminated future.
            await().atMost(Duration.ofSeconds(2)).until(() -> group.shards().isEmpty());
            assertThatThrownBy(() -> group.start(h.config(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BOT_TOKEN");
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> h.fake.log().identifies().size() == 1);
        }
    }

    @Test
    void aFatalCloseOfOneShardAloneStopsOnlyThatShard() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            ShardGroup group = new ShardGroup(new ShardPorts(h.gate, h.store, h.sink), h.group, Clock.systemUTC(), 2);
            Shard zero = group.start(h.config(0));
            Shard one = group.start(h.config(1));
            FakeGatewayHarness.awaitState(zero, ShardState.READY);
            FakeGatewayHarness.awaitState(one, ShardState.READY);
            h.fake.shard(0).close(4011);
            assertThat(zero.terminated().get(20, TimeUnit.SECONDS)).isEqualTo(ShardState.FAILED);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(one::state, s -> s == ShardState.READY);
            assertThat(group.failure()).isNull();
            assertThat(group.shards()).containsExactly(one);
            assertThat(group.shard(new ShardId(1, 2))).isSameAs(one);
            group.stopAll().get(10, TimeUnit.SECONDS);
            assertThat(one.state()).isEqualTo(ShardState.STOPPED);
        }
    }
}
