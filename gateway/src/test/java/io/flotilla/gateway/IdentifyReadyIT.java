package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ConnectionRecord;
import io.flotilla.fake.IdentifyRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyReadyIT {
    @Test
    void identifiesThenReceivesReadyAndEveryGuildCreate() {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.shard(h.config(1));
            List<StateChange> changes = new ArrayList<>();
            shard.addListener(changes::add);
            shard.start();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);
            int guilds = h.fake.config().world().guildsPerShard();
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.sink.types().stream()
                                    .filter("GUILD_CREATE"::equals)
                                    .count()
                            == guilds);

            assertThat(h.sink.types().get(0)).isEqualTo("READY");
            StoredSession session = java.util.Objects.requireNonNull(shard.session());
            assertThat(session.resumeUrl()).isEqualTo(h.fake.resumeGatewayUrl().toString());
            assertThat(h.store.get(shard.id())).isNotNull();
            assertThat(h.sink.seqs(session.sessionId())).isEqualTo(h.produced(session.sessionId()));

            List<IdentifyRecord> identifies = h.fake.log().identifies();
            assertThat(identifies).hasSize(1);
            assertThat(identifies.get(0).shardId()).isEqualTo(1);
            assertThat(identifies.get(0).shardCount()).isEqualTo(2);
            assertThat(identifies.get(0).outcome()).isEqualTo("READY");
            ConnectionRecord connection = h.fake.log().connections().get(0);
            assertThat(connection.version()).isEqualTo("10");
            assertThat(connection.encoding()).isEqualTo("json");
            assertThat(connection.compress()).isEqualTo("zlib-stream");
            assertThat(changes)
                    .extracting(StateChange::to)
                    .containsExactly(ShardState.CONNECTING, ShardState.IDENTIFYING, ShardState.READY);

            await().atMost(FakeGatewayHarness.WAIT).until(() -> shard.latency() != null);
            assertThat(h.fake.log().violations()).isEmpty();
        }
    }

    @Test
    void normalShutdownClosesWith1000AndEndsTheSession() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.ready(0);
            assertThat(shard.stop().get()).isEqualTo(ShardState.STOPPED);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().connections().get(0).closeCode() == 1000);
            assertThat(h.store.get(shard.id())).isNull();
        }
    }
}
