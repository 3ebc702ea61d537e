package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A slow sink stops the shard reading its socket: memory stays bounded and nothing is lost. */
class BackpressureIT {
    @Test
    void aSlowSinkPausesReadingAndLosesNothing() {
        int capacity = 50;
        // The harness's 1 s heartbeat and 4 s missed-heartbeat close: at 400 ms against the fake's 1.5x (600 ms) a
        // loaded 2-core machine got the shard closed with 4009 now and then, which this test is not about. The shard
        // must still keep beating through the whole paused run (several seconds) to pass.
        try (FakeGatewayHarness h = new FakeGatewayHarness(b -> b, RecordingSink.slow(capacity, 1))) {
            Shard shard = h.ready(0);
            String session = Objects.requireNonNull(shard.session()).sessionId();
            h.fake.shard(0).emit(5000);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            h.sink.seqs(session).size() == h.produced(session).size());

            assertThat(h.sink.fullReports()).as("times the sink said full").isPositive();
            // Without backpressure nearly all 5000 events land before the sink commits them (it commits one per
            // ms); with it, at most one socket read more than the capacity is ever uncommitted. One 64 KB read of
            // zlib-compressed small events holds about 700 of them.
            assertThat(h.sink.maxUncommitted()).isLessThan(capacity + 1200);
            assertThat(h.sink.seqs(session)).isEqualTo(h.produced(session)).doesNotHaveDuplicates();
            assertThat(shard.state()).isEqualTo(ShardState.READY);
            // A paused socket hides heartbeat ACKs: that must not be taken for a zombie connection.
            assertThat(h.fake.log().connections()).hasSize(1);
        }
    }
}
