package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node whose Redis answers its start-up reads with an error waits and retries, with a message, instead of exiting:
 * here a shard's session key holds the wrong type, so the cold start check's read fails until the key is fixed (the
 * 10-minute soak saw the same step fail on a connection reset and the node exit 1). Run against the code before the
 * fix, the node exits with "the node failed: ... Redis failed reading shard sessions". The same for a connection the node
 * opens after its first one (the 30-minute soak: a node restarted during a Redis cut exited 1 when its command
 * reader could not connect).
 */
@ExtendWith(RedisExtension.class)
@SuppressWarnings("deprecation") // TestRedis hands out its commands
class StartupRedisTroubleIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void aFailingStartUpReadIsWaitedForNotFatal(TestRedis redis, TestInfo test) throws Exception {
        try (NodeCluster cluster =
                new NodeCluster(redis, 2, test.getTestMethod().orElseThrow().getName())) {
            redis.commands().set(cluster.keys.session(1), "not a hash");
            NodeProcess node = cluster.start("node-a");

            await().atMost(BOUND)
                    .until(() -> node.logText().contains("waiting for Redis, to check the cold start plan"));
            Thread.sleep(2_000);
            assertThat(node.alive()).as("the node waits instead of exiting").isTrue();

            redis.commands().del(cluster.keys.session(1));
            await().atMost(BOUND).until(() -> cluster.shardsEverReady() == 2);
            assertThat(node.logText()).contains("available after");
        }
    }

    @Test
    void aConnectionRefusedAfterTheFirstIsWaitedForNotFatal(TestRedis redis, TestInfo test) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(redis.uri());
                NodeCluster cluster = new NodeCluster(
                        redis, 2, test.getTestMethod().orElseThrow().getName())) {
            cluster.routeNodesThrough(proxy.uri());
            proxy.refuseAfter(1); // the node's first connection works, the ones it opens next do not
            NodeProcess node = cluster.start("node-a");

            await().atMost(BOUND).until(() -> node.logText().contains("waiting for Redis, to read worker commands"));
            Thread.sleep(2_000);
            assertThat(node.alive())
                    .as("the node waits instead of exiting; log: %s", node.log())
                    .isTrue();

            proxy.refuse(false);
            await().atMost(BOUND).until(() -> cluster.shardsEverReady() == 2);
        }
    }
}
