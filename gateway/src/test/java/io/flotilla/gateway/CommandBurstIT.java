package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fake.ConnectionEnd;
import io.flotilla.protocol.json.GatewayCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 500 commands in one burst go out within the budget: no 4008. The fake's send window is 1 s instead of 60 s with
 * Discord's 120 frames per window; the shard keeps 110 per window for commands and receipt beats (109 for commands
 * beside one receipt beat per 1 s window), and its window is longer than the server's by at least 500 ms: the fake counts a frame when its loop reads it, so on a loaded machine a burst read
 * late bunched up with the next one (5 % of a 1 s window, and of a 2 s one, was not enough).
 */
class CommandBurstIT {
    @Test
    void aBurstOf500CommandsNeverTripsTheRateLimit() throws Exception {
        Duration window = Duration.ofSeconds(1);
        try (FakeGatewayHarness h = new FakeGatewayHarness(b -> b.sendLimit(120, window), RecordingSink.unbounded())) {
            Shard shard = h.ready(0);
            long start = System.nanoTime();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sent.add(shard.send(GatewayCommand.presence(i % 2 == 0 ? "online" : "idle", false, null, "[]")));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(h.fake.log().connections()).hasSize(1);
            assertThat(h.fake.log().connections().get(0).end()).isEqualTo(ConnectionEnd.OPEN);
            assertThat(shard.state()).isEqualTo(ShardState.READY);
            // 500 commands at 109 per window need at least four full windows after the first.
            assertThat(took).isGreaterThanOrEqualTo(window.multipliedBy(4));
            assertThat(h.fake.log().violations()).isEmpty();
        }
    }

    @Test
    void anOversizedCommandIsRejectedBeforeSending() {
        List<Long> ids = java.util.Collections.nCopies(400, 123456789012345678L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayCommand.requestMembers(1, ids, null))
                .hasMessageContaining("4096");
    }
}
