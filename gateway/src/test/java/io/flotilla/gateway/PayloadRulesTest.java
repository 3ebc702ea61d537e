package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The answer to each server payload, as a value (GATEWAY.md 5.1 to 5.7). */
class PayloadRulesTest {
    private static final Duration INVALID_DELAY = Duration.ofSeconds(3);

    private static Envelope frame(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new EnvelopeDecoder().decode(bytes, 0, bytes.length);
    }

    private static ConnectionEnd reconnect(PayloadAction action) {
        assertThat(action).isInstanceOf(PayloadAction.Reconnect.class);
        return ((PayloadAction.Reconnect) action).end();
    }

    /** Section 5.1: op 7 may come before HELLO or instead of it; every state reconnects, none crashes or stalls. */
    @ParameterizedTest
    @EnumSource(
            value = ShardState.class,
            names = {"CONNECTING", "IDENTIFYING", "RESUMING", "READY"})
    void op7InEveryConnectedStateReconnects(ShardState state) {
        Envelope op7 = frame("{\"op\":7,\"d\":null}");
        ConnectionEnd withSession = reconnect(PayloadRules.decide(op7, state, true, INVALID_DELAY));
        assertThat(withSession.recovery()).isEqualTo(Recovery.RESUME);
        assertThat(withSession.sessionEnd()).isNull();
        // Without a session the RESUME becomes an identify in the reconnect policy; the session is not "ended".
        ConnectionEnd without = reconnect(PayloadRules.decide(op7, state, false, INVALID_DELAY));
        assertThat(without.sessionEnd()).isNull();
        if (state == ShardState.CONNECTING) {
            assertThat(withSession.delay())
                    .as("before HELLO: after the backoff, no tight loop")
                    .isNull();
            assertThat(withSession.reason()).contains("before HELLO");
        } else {
            assertThat(withSession.delay()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"IDENTIFYING", "RESUMING", "READY"})
    void aHelloAfterTheFirstIsIgnored(String state) {
        Envelope hello = frame("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
        assertThat(PayloadRules.decide(hello, ShardState.valueOf(state), true, INVALID_DELAY))
                .isInstanceOf(PayloadAction.Ignore.class);
        assertThat(PayloadRules.decide(hello, ShardState.CONNECTING, true, INVALID_DELAY))
                .isEqualTo(new PayloadAction.Hello(Duration.ofMillis(41250), true));
    }

    @ParameterizedTest
    @EnumSource(ShardState.class)
    void op9FalseEndsTheSessionWithTheRightReason(ShardState state) {
        ConnectionEnd end = reconnect(PayloadRules.decide(frame("{\"op\":9,\"d\":false}"), state, true, INVALID_DELAY));
        assertThat(end.recovery()).isEqualTo(Recovery.IDENTIFY);
        assertThat(end.delay()).isEqualTo(INVALID_DELAY);
        assertThat(end.sessionEnd())
                .isEqualTo(
                        state == ShardState.RESUMING
                                ? SessionEnd.Reason.RESUME_REFUSED
                                : SessionEnd.Reason.INVALIDATED);
    }

    @ParameterizedTest
    @EnumSource(ShardState.class)
    void op9TrueResumesAtOnceWhenThereIsASession(ShardState state) {
        Envelope op9 = frame("{\"op\":9,\"d\":true}");
        ConnectionEnd end = reconnect(PayloadRules.decide(op9, state, true, INVALID_DELAY));
        assertThat(end.recovery()).isEqualTo(Recovery.RESUME);
        assertThat(end.delay()).isZero();
        assertThat(reconnect(PayloadRules.decide(op9, state, false, INVALID_DELAY))
                        .recovery())
                .isEqualTo(Recovery.IDENTIFY);
    }

    @ParameterizedTest
    @EnumSource(ShardState.class)
    void dispatchesGoLiveOnlyOnTheirOwnState(ShardState state) {
        PayloadAction ready =
                PayloadRules.decide(frame("{\"op\":0,\"s\":1,\"t\":\"READY\",\"d\":{}}"), state, false, INVALID_DELAY);
        PayloadAction resumed =
                PayloadRules.decide(frame("{\"op\":0,\"s\":9,\"t\":\"RESUMED\",\"d\":{}}"), state, true, INVALID_DELAY);
        assertThat(((PayloadAction.Deliver) ready).live())
                .isEqualTo(state == ShardState.IDENTIFYING ? PayloadAction.Live.READY : PayloadAction.Live.NO);
        assertThat(((PayloadAction.Deliver) resumed).live())
                .isEqualTo(state == ShardState.RESUMING ? PayloadAction.Live.RESUMED : PayloadAction.Live.NO);
        assertThat(EnumSet.allOf(ShardState.class)).contains(state);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 12, 99})
    void undocumentedOpsAreIgnored(int op) {
        assertThat(PayloadRules.decide(frame("{\"op\":" + op + ",\"d\":null}"), ShardState.READY, true, INVALID_DELAY))
                .isInstanceOf(PayloadAction.Ignore.class);
    }
}
