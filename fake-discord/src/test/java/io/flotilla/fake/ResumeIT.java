package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RESUME: replay with original seqs on the resume URL, retention expiry, bad seq, 1000 vs other closes, missed heartbeats. */
class ResumeIT {

    private final FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());

    @AfterEach
    void stop() {
        fake.close();
    }

    /** Identifies on shard 0 and reads READY and the GUILD_CREATEs; returns [sessionId, lastSeq]. */
    private String[] identified(TestGatewayClient client) {
        client.awaitOp(10);
        client.identify(TOKEN, INTENTS, 0, 2);
        JsonNode ready = client.awaitDispatch("READY");
        int guilds = ready.path("d").path("guilds").size();
        List<JsonNode> creates = client.dispatches(guilds);
        return new String[] {
            ready.path("d").path("session_id").asText(),
            creates.get(guilds - 1).path("s").asText()
        };
    }

    @Test
    void resumeAfterADropReplaysWithOriginalSeqsThenResumed() {
        String sessionId;
        long seq;
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            String[] session = identified(client);
            sessionId = session[0];
            seq = Long.parseLong(session[1]);
            client.abort();
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> fake.log().connections().get(0).end() != ConnectionEnd.OPEN);
        fake.shard(0).emit(20);
        List<ProducedDispatch> produced = fake.log().sessionEvents(sessionId);
        assertThat(produced).hasSizeGreaterThanOrEqualTo((int) seq + 20);

        try (TestGatewayClient client = TestGatewayClient.connect(fake.resumeGatewayUrl(), "?v=10&encoding=json")) {
            client.awaitOp(10);
            client.resume(TOKEN, sessionId, seq);

            long missed = produced.size() - seq;
            List<JsonNode> replay = client.dispatches((int) missed + 1);
            for (int i = 0; i < missed; i++) {
                assertThat(replay.get(i).path("s").asLong()).isEqualTo(seq + 1 + i);
                assertThat(replay.get(i).path("t").asText())
                        .isEqualTo(produced.get((int) seq + i).type());
            }
            JsonNode resumed = replay.get((int) missed);
            assertThat(resumed.path("t").asText()).isEqualTo("RESUMED");
            assertThat(resumed.path("s").asLong()).isEqualTo(seq + missed + 1);
        }
        ResumeRecord record = fake.log().resumes().get(0);
        assertThat(record.outcome()).isEqualTo("RESUMED");
        assertThat(record.path()).isEqualTo("/resume");
        assertThat(fake.log().dispatches(0))
                .filteredOn(DispatchRecord::replayed)
                .hasSize(20);
    }

    @Test
    void resumeAfterRetentionExpiryGetsOp9False() {
        String sessionId;
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            sessionId = identified(client)[0];
            client.closeWith(4000);
        }
        await().pollDelay(Duration.ofMillis(3000)).atMost(Duration.ofSeconds(5)).until(() -> true);

        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.resume(TOKEN, sessionId, 1);
            assertThat(client.awaitOp(9).path("d").asBoolean()).isFalse();
        }
    }

    @Test
    void resumeWithASeqBeyondWhatWasProducedIs4007() {
        try (TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            String[] session = identified(first);
            first.closeWith(4000);
            second.awaitOp(10);
            second.resume(TOKEN, session[0], Long.parseLong(session[1]) + 5);

            assertThat(second.awaitClose()).isEqualTo(4007);
        }
    }

    @Test
    void closeWith1000DestroysTheSession() {
        try (TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            String[] session = identified(first);
            first.closeWith(1000);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fake.log().connections().get(0).end() == ConnectionEnd.CLIENT_CLOSED);
            second.awaitOp(10);
            second.resume(TOKEN, session[0], Long.parseLong(session[1]));

            assertThat(second.awaitOp(9).path("d").asBoolean()).isFalse();
        }
    }

    @Test
    void libraryCloseCodesKeepTheSession() {
        for (int code : new int[] {4900, 4200}) {
            try (TestGatewayClient first = TestGatewayClient.connect(fake);
                    TestGatewayClient second = TestGatewayClient.connect(fake.resumeGatewayUrl(), "?v=10")) {
                await().pollDelay(Duration.ofMillis(250))
                        .atMost(Duration.ofSeconds(1))
                        .until(() -> true);
                String[] session = identified(first);
                first.closeWith(code);
                second.awaitOp(10);
                second.resume(TOKEN, session[0], Long.parseLong(session[1]));

                assertThat(second.awaitDispatch("RESUMED").path("s").asLong())
                        .isEqualTo(Long.parseLong(session[1]) + 1);
            }
        }
    }

    @Test
    void missedHeartbeatsCloseWith4009AndKeepTheSession() {
        FakeDiscordConfig config = FakeDiscordTests.fast()
                .heartbeatInterval(Duration.ofMillis(200))
                .build();
        try (FakeDiscord quick = FakeDiscord.start(config);
                TestGatewayClient first = TestGatewayClient.connect(quick)) {
            String[] session = identified(first);
            assertThat(first.awaitClose()).isEqualTo(4009);
            assertThat(quick.log().connections().get(0).end()).isEqualTo(ConnectionEnd.SERVER_CLOSED);

            TestGatewayClient second = TestGatewayClient.connect(quick);
            second.awaitOp(10);
            second.resume(TOKEN, session[0], Long.parseLong(session[1]));
            assertThat(second.awaitDispatch("RESUMED")).isNotNull();
            second.close();
        }
    }

    @Test
    void eventsKeepBeingProducedWhileDetachedAndLiveAfterResume() {
        try (TestGatewayClient first = TestGatewayClient.connect(fake)) {
            String[] session = identified(first);
            fake.shard(0).emit(5);
            List<JsonNode> live = first.dispatches(5);
            long last = live.get(4).path("s").asLong();
            first.abort();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fake.log().connections().get(0).end() != ConnectionEnd.OPEN);
            fake.shard(0).emit(3);

            try (TestGatewayClient second = TestGatewayClient.connect(fake.resumeGatewayUrl(), "?v=10")) {
                second.awaitOp(10);
                second.resume(TOKEN, session[0], last);
                second.awaitDispatch("RESUMED");
                fake.shard(0).emit(2);
                List<JsonNode> after = second.dispatches(2);
                assertThat(after.get(0).path("s").asLong()).isEqualTo(last + 3 + 2);
            }
        }
    }
}
