package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.IdentifyRecord;
import io.flotilla.protocol.Intents;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a test sets with {@link NodeCluster#setEnv} reaches the node processes: the soak asks for every intent this
 * way, so that its cache can be compared with the fake's whole world, and the fake must see those intents in the
 * IDENTIFY. Run against the code before the fix (setEnv stored the value but {@code env()} never added it), the
 * node identified with its default intents, without GUILD_MEMBERS and GUILD_PRESENCES, so the fake sent no member
 * events and the soak's cache kept members who had left (issue 17, finding 1).
 */
@ExtendWith(RedisExtension.class)
class NodeClusterEnvIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void intentsSetWithSetEnvAreTheOnesTheNodeIdentifiesWith(TestRedis redis, TestInfo test) throws Exception {
        try (NodeCluster cluster =
                new NodeCluster(redis, 1, test.getTestMethod().orElseThrow().getName())) {
            cluster.setEnv("INTENTS", Long.toString(Intents.KNOWN));
            cluster.start("node-a");

            await().atMost(BOUND).until(() -> !ready(cluster).isEmpty());
            assertThat(ready(cluster))
                    .extracting(IdentifyRecord::intents)
                    .as("the intents of the node's IDENTIFY")
                    .containsOnly((int) Intents.KNOWN);
        }
    }

    private static List<IdentifyRecord> ready(NodeCluster cluster) {
        return cluster.fake.log().identifies().stream()
                .filter(identify -> identify.outcome().equals("READY"))
                .toList();
    }
}
