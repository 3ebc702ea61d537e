package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IDENTIFY: READY and GUILD_CREATE per guild, identify buckets, and one test per close code. */
class IdentifyIT {

    private FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void readyThenOneGuildCreatePerGuildOfTheShard() {
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.identify(TOKEN, INTENTS, 1, 2);

            JsonNode ready = client.awaitDispatch("READY");
            assertThat(ready.path("s").asInt()).isEqualTo(1);
            JsonNode d = ready.path("d");
            List<String> guilds = fake.world().guildIds(1, 2);
            assertThat(d.path("guilds")).hasSize(guilds.size());
            assertThat(d.path("guilds").get(0).path("unavailable").asBoolean()).isTrue();
            assertThat(d.path("session_id").asText()).isNotBlank();
            assertThat(d.path("resume_gateway_url").asText())
                    .isEqualTo(fake.gatewayUrl() + "/resume")
                    .doesNotContain("?");
            assertThat(d.path("user").path("id").asText())
                    .isEqualTo(fake.world().botUserId());
            assertThat(d.path("application").path("id").asText())
                    .isEqualTo(fake.world().applicationId());
            assertThat(d.path("private_channels").isArray()).isTrue();
            assertThat(d.path("shard").toString()).isEqualTo("[1,2]");

            List<JsonNode> creates = client.dispatches(guilds.size());
            for (int i = 0; i < guilds.size(); i++) {
                assertThat(creates.get(i).path("t").asText()).isEqualTo("GUILD_CREATE");
                assertThat(creates.get(i).path("s").asInt()).isEqualTo(i + 2);
                assertThat(creates.get(i).path("d").path("id").asText()).isEqualTo(guilds.get(i));
            }
        }
    }

    @Test
    void secondIdentifyOfABucketWithinTheWindowGetsOp9False() {
        fake.close();
        fake = FakeDiscord.start(
                FakeDiscordTests.fast().identifyWindow(Duration.ofSeconds(5)).build());
        try (TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            first.awaitOp(10);
            second.awaitOp(10);
            first.identify(TOKEN, INTENTS, 0, 2);
            first.awaitDispatch("READY");
            second.identify(TOKEN, INTENTS, 1, 2);

            JsonNode invalid = second.awaitOp(9);
            assertThat(invalid.path("d").asBoolean()).isFalse();
            assertThat(fake.log().identifies())
                    .anySatisfy(i -> assertThat(i.outcome()).isEqualTo("INVALID_SESSION"));
        }
    }

    /**
     * The log's READY records carry the moment the identify gate let each identify through, so checkers of the
     * identify window (the chaos soak's) see what the gate saw. Before the fix the record was stamped when the
     * shard's hub got round to producing READY: with the hubs busy, two identifies let through 400 ms apart (window
     * 200 ms) were logged a few ms apart, and the soak reported "identifies 252 ms apart" under load.
     */
    @Test
    void readyRecordsCarryTheMomentTheGateLetTheIdentifyThrough() throws Exception {
        fake.close();
        // A long heartbeat interval: these clients never beat, and the busy hubs must not look like missed beats.
        // Eight I/O loops, so the two hubs made below get loops of their own: the connections' loops stay free and
        // the gate decides at once, while the hubs are kept busy.
        fake = FakeDiscord.start(FakeDiscordTests.fast()
                .shardCount(2)
                .heartbeatInterval(Duration.ofSeconds(10))
                .ioThreads(8)
                .build());
        try (TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            first.awaitOp(10);
            second.awaitOp(10);
            // Keep both shards' hubs busy (a loaded machine), so READY is produced well after the gate's decision.
            for (int shard = 0; shard < 2; shard++) {
                fake.context().hub(new ShardKey(shard, 2)).execute(IdentifyIT::busy);
            }
            first.identify(TOKEN, INTENTS, 0, 2);
            Thread.sleep(400);
            second.identify(TOKEN, INTENTS, 1, 2);
            first.awaitDispatch("READY");
            second.awaitDispatch("READY");

            List<IdentifyRecord> ready = fake.log().identifies().stream()
                    .filter(identify -> identify.outcome().equals("READY"))
                    .sorted(java.util.Comparator.comparingInt(IdentifyRecord::shardId))
                    .toList();
            assertThat(ready).hasSize(2);
            assertThat(Duration.between(ready.get(0).at(), ready.get(1).at()))
                    .as("the gate let them through 400 ms apart")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(350));
        }
    }

    private static void busy() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void unknownOpcodeIs4001() {
        assertClosedWith(4001, c -> c.send("{\"op\":99,\"d\":null}"));
    }

    @Test
    void badShapeForAKnownOpcodeIs4001() {
        assertClosedWith(4001, c -> c.send("{\"op\":1,\"d\":\"yes\"}"));
    }

    @Test
    void invalidJsonIs4002() {
        assertClosedWith(4002, c -> c.send("{\"op\":1,"));
    }

    @Test
    void payloadOverTheLimitIs4002() {
        assertClosedWith(4002, c -> c.send("{\"op\":1,\"d\":null,\"x\":\"" + "a".repeat(4100) + "\"}"));
    }

    @Test
    void requestBeforeIdentifyIs4003() {
        assertClosedWith(4003, c -> c.send("{\"op\":3,\"d\":{\"status\":\"online\",\"activities\":[]}}"));
    }

    @Test
    void badTokenIs4004() {
        assertClosedWith(4004, c -> c.identify("wrong", INTENTS, 0, 2));
    }

    @Test
    void secondIdentifyOnAConnectionIs4005() {
        assertClosedWith(4005, c -> {
            c.identify(TOKEN, INTENTS, 0, 2);
            c.awaitDispatch("READY");
            c.identify(TOKEN, INTENTS, 0, 2);
        });
    }

    @Test
    void tooManyFramesIs4008() {
        fake.close();
        fake = FakeDiscord.start(
                FakeDiscordTests.fast().sendLimit(5, Duration.ofSeconds(60)).build());
        assertClosedWith(4008, c -> {
            for (int i = 0; i < 6; i++) {
                c.send("{\"op\":1,\"d\":null}");
            }
        });
    }

    @Test
    void badShardIs4010() {
        assertClosedWith(4010, c -> c.identify(TOKEN, INTENTS, 2, 2));
        assertClosedWith(4010, c -> c.identify(TOKEN, INTENTS, -1, 2));
        assertClosedWith(4010, c -> c.identify(TOKEN, INTENTS, 0, 0));
    }

    @Test
    void shardCountNotAMultipleOfTheLargeBotNumberIs4010() {
        fake.close();
        fake = FakeDiscord.start(
                FakeDiscordTests.fast().largeBotShardMultiple(4).build());
        assertClosedWith(4010, c -> c.identify(TOKEN, INTENTS, 0, 2));
    }

    @Test
    void moreGuildsThanTheCapIs4011() {
        fake.close();
        fake = FakeDiscord.start(FakeDiscordTests.fast().guildCap(2).build());
        assertClosedWith(4011, c -> c.identify(TOKEN, INTENTS, 0, 2));
    }

    @Test
    void undefinedIntentBitsAre4013() {
        assertClosedWith(4013, c -> c.identify(TOKEN, 1 << 17, 0, 2));
    }

    @Test
    void ungrantedPrivilegedIntentIs4014() {
        fake.close();
        fake = FakeDiscord.start(FakeDiscordTests.fast().grantedIntents(2).build());
        assertClosedWith(4014, c -> c.identify(TOKEN, 1 | 256, 0, 2));
    }

    @Test
    void exhaustedBudgetClosesEverySocketThenRefusesWith4004() {
        fake.close();
        fake = FakeDiscord.start(FakeDiscordTests.fast()
                .sessionStartLimit(1)
                .identifyWindow(Duration.ofMillis(1))
                // These clients never heartbeat: with the fast 1 s interval, a loaded CI machine once took the 1.5 s
                // to a missed-heartbeat 4009 before the second identify arrived.
                .heartbeatInterval(Duration.ofSeconds(30))
                .build());
        try (TestGatewayClient ready = TestGatewayClient.connect(fake);
                TestGatewayClient late = TestGatewayClient.connect(fake)) {
            ready.awaitOp(10);
            late.awaitOp(10);
            ready.identify(TOKEN, INTENTS, 0, 2);
            ready.awaitDispatch("READY");
            late.identify(TOKEN, INTENTS, 1, 2);

            assertThat(late.awaitClose()).isEqualTo(4004);
            assertThat(ready.awaitClose()).isEqualTo(4004);
        }
    }

    private void assertClosedWith(int code, Consumer<TestGatewayClient> mistake) {
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            mistake.accept(client);

            assertThat(client.awaitClose()).isEqualTo(code);
            assertThat(fake.log().violations())
                    .anySatisfy(v -> assertThat(v.closeCode()).isEqualTo(code));
        }
    }
}
