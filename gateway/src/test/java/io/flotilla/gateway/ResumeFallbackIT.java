package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fake.IdentifyRecord;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GATEWAY.md 5.6: "a resume attempt itself fails" -> identify. A stored session whose resume url cannot be
 * reached is tried a few times, then given up for a new identify on the gateway url.
 */
class ResumeFallbackIT {
    @Test
    void anUnreachableResumeUrlEndsInANewIdentify() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            deadPort = probe.getLocalPort();
        }
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            ShardConfig config = h.config(0);
            h.store.save(config.shard(), new StoredSession("gone", 7, "ws://127.0.0.1:" + deadPort, 2));
            Shard shard = h.shard(config);
            List<StateChange> changes = new ArrayList<>();
            shard.addListener(changes::add);
            shard.start();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);

            assertThat(h.fake.log().resumes()).isEmpty();
            assertThat(h.fake.log().identifies())
                    .extracting(IdentifyRecord::outcome)
                    .containsExactly("READY");
            assertThat(changes)
                    .filteredOn(c -> c.to() == ShardState.RECONNECTING)
                    .hasSize(3)
                    .last()
                    .satisfies(c -> assertThat(c.reason())
                            .contains("3 resume attempts failed")
                            .contains("identify"));
            assertThat(shard.session()).isNotNull();
            assertThat(java.util.Objects.requireNonNull(shard.session()).sessionId())
                    .isNotEqualTo("gone");
        }
    }
}
