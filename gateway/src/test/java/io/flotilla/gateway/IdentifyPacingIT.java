package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.IdentifyRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Several shards identify through the gate: one per bucket per window, as the fake's identify log shows. */
class IdentifyPacingIT {
    @Test
    void oneIdentifyPerBucketPerWindow() {
        int shards = 6;
        int maxConcurrency = 2;
        try (FakeGatewayHarness h = new FakeGatewayHarness(
                b -> b.shardCount(shards).guildsPerShard(1).maxConcurrency(maxConcurrency),
                RecordingSink.unbounded())) {
            // Shard 0 first, alone, then a pause: the first identify is slow while the code on both sides warms
            // up, and the gate counts windows from its grants, not from the fake's decisions.
            List<Shard> started = new ArrayList<>();
            started.add(h.ready(0));
            await().pollDelay(FakeGatewayHarness.IDENTIFY_WINDOW.multipliedBy(2))
                    .atMost(FakeGatewayHarness.WAIT)
                    .until(() -> true);
            for (int id = 1; id < shards; id++) {
                Shard shard = h.shard(h.config(id));
                shard.start();
                started.add(shard);
            }
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> started.stream().allMatch(s -> s.state() == ShardState.READY));

            List<IdentifyRecord> identifies = h.fake.log().identifies();
            assertThat(identifies).hasSize(shards).allMatch(r -> r.outcome().equals("READY"));
            Map<Integer, List<IdentifyRecord>> byBucket =
                    identifies.stream().collect(Collectors.groupingBy(r -> r.shardId() % maxConcurrency));
            assertThat(byBucket).hasSize(maxConcurrency);
            // The fake enforces the window itself (op 9 on a busy bucket), so "all READY" above is the real check.
            // Its log's timestamps are taken a little apart from that decision (and its first identify is slow
            // while cold), hence the tolerance on the gaps seen in the log.
            Duration minGap = FakeGatewayHarness.IDENTIFY_WINDOW.minusMillis(100);
            for (List<IdentifyRecord> bucket : byBucket.values()) {
                for (int i = 1; i < bucket.size(); i++) {
                    Duration gap = Duration.between(
                            bucket.get(i - 1).at(), bucket.get(i).at());
                    assertThat(gap)
                            .as("gap between identifies in one bucket: %s", identifies)
                            .isGreaterThanOrEqualTo(minGap);
                }
            }
        }
    }
}
