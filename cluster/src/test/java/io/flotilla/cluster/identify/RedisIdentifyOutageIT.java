package io.flotilla.cluster.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** A Redis that is down while a shard waits: the shard keeps waiting (never fails) and goes once Redis is back. */
class RedisIdentifyOutageIT {
    @Test
    void aShardWaitsThroughARedisOutageAndIdentifiesAfterIt() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RedisProcess server = RedisProcess.startNew()) {
            RedisClient client = RedisClient.create(server.uri().toString());
            try {
                IdentifySettings settings = new IdentifySettings(
                        1, Duration.ofMillis(500), Duration.ofMillis(100), 0, false, Duration.ofMillis(300));
                IdentifyTurns turns = new IdentifyTurns(
                        client.connect(), Keys.defaults("outage"), settings, Clock.systemUTC(), scheduler, "node-a");
                server.kill();

                CompletableFuture<Void> turn = turns.acquire(0);
                await().pollDelay(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(3))
                        .until(() -> true);
                assertThat(turn).as("still waiting, not failed").isNotDone();

                server.start();
                await().atMost(Duration.ofSeconds(20)).until(turn::isDone);
                assertThat(turn).isCompleted();
            } finally {
                client.shutdown();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
