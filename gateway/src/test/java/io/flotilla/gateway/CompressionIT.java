package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.protocol.compress.Compression;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every transport compression, with zlib payloads split over several messages, and a resume on a fresh context. */
class CompressionIT {
    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyModeDecodesAllEventsAcrossAResume(Compression compression) {
        try (FakeGatewayHarness h =
                new FakeGatewayHarness(b -> b.zlibSplitFrames(true).membersPerGuild(200), RecordingSink.unbounded())) {
            Shard shard = h.shard(h.config(0).withCompression(compression));
            shard.start();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);
            String session = Objects.requireNonNull(shard.session()).sessionId();
            h.fake.shard(0).emit(200);
            h.fake.shard(0).dropConnection();
            h.fake.shard(0).emit(100);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() ->
                            h.sink.seqs(session).size() == h.produced(session).size());

            assertThat(h.sink.seqs(session)).isEqualTo(h.produced(session));
            assertThat(h.fake.log().connections())
                    .allMatch(c -> Objects.equals(c.compress(), compression.queryValue()));
            assertThat(h.fake.log().connections()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(h.sink.received())
                    .allMatch(r -> r.data().startsWith("{") || r.data().startsWith("["));
        }
    }
}
