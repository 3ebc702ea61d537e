package io.flotilla.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A membership whose Redis stalls (SIGSTOP) for several refreshes, then answers again: what it logs. */
class MembershipOutageIT {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final MembershipConfig FAST =
            new MembershipConfig(Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofMillis(400));

    @Test
    void anOutageIsLoggedOnceWhenRefreshesStartFailingAndOnceWhenTheyWorkAgain() {
        Logger logger = (Logger) LoggerFactory.getLogger(Membership.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (RedisProcess server = RedisProcess.startNew()) {
            RedisClient client = RedisClient.create(server.uri().toString());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                Instant now = Instant.now();
                NodeRecord self = new NodeRecord(
                        new Snowflake(InstantSource.system(), new Random()).nextNodeId(),
                        "node-a",
                        "127.0.0.1:8080",
                        1,
                        false,
                        new TreeSet<>(),
                        now,
                        now);
                Membership membership = new Membership(
                        connection, Keys.defaults("outage"), FAST, InstantSource.system(), scheduler, self);
                membership.start();

                server.freeze();
                try {
                    // At least three refreshes fail (each one waits the Redis timeout of 400 ms).
                    await().atMost(PATIENCE).until(() -> failedRefreshes(membership) >= 3);
                } finally {
                    server.unfreeze();
                }
                await().atMost(PATIENCE).until(() -> !events(logged, Level.INFO).isEmpty());

                assertThat(events(logged, Level.WARN))
                        .as("one warning for the whole outage")
                        .hasSize(1)
                        .allSatisfy(message -> assertThat(message).contains("refreshing this node's record failed"));
                assertThat(events(logged, Level.INFO))
                        .singleElement()
                        .satisfies(message -> assertThat(message).contains("works again"));
                membership.close();
            } finally {
                client.shutdown();
            }
        } finally {
            scheduler.shutdownNow();
            logger.detachAppender(logged);
        }
    }

    private static int failedRefreshes(Membership membership) {
        return membership.failedRefreshes();
    }

    private static List<String> events(ListAppender<ILoggingEvent> logged, Level level) {
        synchronized (logged.list) {
            return logged.list.stream()
                    .filter(event -> event.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }
}
