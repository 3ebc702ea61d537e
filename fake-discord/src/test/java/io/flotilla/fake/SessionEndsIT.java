package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** FakeLog.sessionEnds: one record per session the fake ended, with shard, session, last seq and cause. */
class SessionEndsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String identified(FakeDiscord fake, TestGatewayClient client) {
        client.awaitOp(10);
        client.identify(TOKEN, INTENTS, 0, 2);
        client.awaitDispatch("READY");
        client.dispatches(3);
        return Objects.requireNonNull(fake.log().identifies().getLast().sessionId());
    }

    private static SessionEnd onlyEnd(FakeDiscord fake) {
        await().atMost(WAIT).until(() -> !fake.log().sessionEnds().isEmpty());
        List<SessionEnd> ends = fake.log().sessionEnds();
        assertThat(ends).hasSize(1);
        return ends.get(0);
    }

    @Test
    void clientCloseWith1000AndARefusedResumeOfItAfterwards() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            String session = identified(fake, first);
            first.closeWith(1000);

            SessionEnd end = onlyEnd(fake);
            assertThat(end.cause()).isEqualTo(SessionEnd.Cause.CLIENT_CLOSED);
            assertThat(end.shardId()).isZero();
            assertThat(end.sessionId()).isEqualTo(session);
            assertThat(end.lastSeq()).isEqualTo(4);

            second.awaitOp(10);
            second.resume(TOKEN, session, 4);
            assertThat(second.awaitOp(9).path("d").asBoolean()).isFalse();
            await().atMost(WAIT).until(() -> fake.log().sessionEnds().size() == 2);
            assertThat(fake.log().sessionEnds().get(1))
                    .extracting(SessionEnd::cause, SessionEnd::shardId, SessionEnd::sessionId, SessionEnd::lastSeq)
                    .containsExactly(SessionEnd.Cause.RESUME_REFUSED, 0, session, 4L);
        }
    }

    @Test
    void aResumeOfAnUnknownSessionIsRefusedWithTheClientsId() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.resume(TOKEN, "no-such-session", 7);
            client.awaitOp(9);

            assertThat(onlyEnd(fake))
                    .extracting(SessionEnd::cause, SessionEnd::shardId, SessionEnd::sessionId, SessionEnd::lastSeq)
                    .containsExactly(SessionEnd.Cause.RESUME_REFUSED, -1, "no-such-session", -1L);
        }
    }

    @Test
    void aResumeWithABadSeqIsInvalidSeq() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            String session = identified(fake, first);
            first.closeWith(4000);
            second.awaitOp(10);
            second.resume(TOKEN, session, 99);

            assertThat(second.awaitClose()).isEqualTo(4007);
            assertThat(onlyEnd(fake))
                    .extracting(SessionEnd::cause, SessionEnd::sessionId, SessionEnd::lastSeq)
                    .containsExactly(SessionEnd.Cause.INVALID_SEQ, session, 4L);
        }
    }

    @Test
    void opNineFalseToALiveSessionIsInvalidated() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            String session = identified(fake, client);
            fake.shard(0).emit(2);
            client.dispatches(2);
            fake.shard(0).invalidateSession(false);
            client.awaitOp(9);

            assertThat(onlyEnd(fake))
                    .extracting(SessionEnd::cause, SessionEnd::sessionId, SessionEnd::lastSeq)
                    .containsExactly(SessionEnd.Cause.INVALIDATED, session, 6L);
        }
    }

    @Test
    void missedHeartbeatsAndAFaultCloseWith4009AreTimedOut() {
        // fast(): 1 s heartbeats, 1.5 s without one closes; identify has that long to finish on a loaded machine.
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            String session = identified(fake, client);

            assertThat(client.awaitClose()).isEqualTo(4009);
            assertThat(onlyEnd(fake))
                    .extracting(SessionEnd::cause, SessionEnd::sessionId)
                    .containsExactly(SessionEnd.Cause.TIMED_OUT, session);
        }
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            String session = identified(fake, client);
            fake.shard(0).close(4009);

            assertThat(client.awaitClose()).isEqualTo(4009);
            assertThat(onlyEnd(fake))
                    .extracting(SessionEnd::cause, SessionEnd::sessionId)
                    .containsExactly(SessionEnd.Cause.TIMED_OUT, session);
        }
    }

    @Test
    void anExhaustedBudgetEndsEverySessionAsBudgetReset() {
        FakeDiscordConfig config = FakeDiscordTests.fast().sessionStartLimit(1).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            String session = identified(fake, first);
            second.awaitOp(10);
            await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true); // past the identify window
            second.identify(TOKEN, INTENTS, 1, 2);

            assertThat(first.awaitClose()).isEqualTo(4004);
            assertThat(onlyEnd(fake))
                    .extracting(SessionEnd::cause, SessionEnd::sessionId, SessionEnd::lastSeq)
                    .containsExactly(SessionEnd.Cause.BUDGET_RESET, session, 4L);
        }
    }

    @Test
    void aResumableCloseEndsNothing() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            identified(fake, client);
            fake.shard(0).close(4000);
            client.awaitClose();
            fake.shard(0).invalidateSession(true);

            await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
            assertThat(fake.log().sessionEnds()).isEmpty();
        }
    }
}
