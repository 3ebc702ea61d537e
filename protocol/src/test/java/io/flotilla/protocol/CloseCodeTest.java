package io.flotilla.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloseCodeTest {
    @ParameterizedTest
    @CsvSource({
        "1000, RESUME",
        "1001, RESUME",
        "1006, RESUME",
        "4000, RESUME",
        "4001, RESUME",
        "4002, RESUME",
        "4003, IDENTIFY",
        "4004, STOP",
        "4005, RESUME",
        "4007, IDENTIFY",
        "4008, RESUME",
        "4009, IDENTIFY",
        "4010, STOP",
        "4011, STOP",
        "4012, STOP",
        "4013, STOP",
        "4014, STOP"
    })
    void everyDocumentedCodeHasTheRecoveryOfSection56(int code, Recovery expected) {
        assertThat(CloseCode.recoveryFor(code)).isEqualTo(expected);
        CloseCode known = java.util.Objects.requireNonNull(CloseCode.fromCode(code));
        assertThat(known.code()).isEqualTo(code);
        assertThat(known.recovery()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {4006, 4015, 4999, 1011, 3000})
    void unknownCodesResumeBecauseTheSessionStaysResumable(int code) {
        assertThat(CloseCode.fromCode(code)).isNull();
        assertThat(CloseCode.recoveryFor(code)).isEqualTo(Recovery.RESUME);
        assertThat(CloseCode.explain(code)).contains(Integer.toString(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {4004, 4010, 4011, 4012, 4013, 4014})
    void fatalCodesExplainTheFix(int code) {
        assertThat(CloseCode.explain(code)).matches(".*(check|raise|fix|enable|connect with).*");
    }

    @org.junit.jupiter.api.Test
    void authenticationFailureNamesTheToken() {
        assertThat(CloseCode.AUTHENTICATION_FAILED.explanation())
                .contains("token")
                .contains("BOT_TOKEN");
    }

    @ParameterizedTest
    @CsvSource({
        "4004, APPLICATION",
        "4013, APPLICATION",
        "4014, APPLICATION",
        "4010, SHARD",
        "4011, SHARD",
        "4012, SHARD",
        "4007, SHARD",
        "4000, SHARD"
    })
    void aTokenOrApplicationProblemConcernsEveryShard(int code, CloseCode.Scope expected) {
        assertThat(java.util.Objects.requireNonNull(CloseCode.fromCode(code)).scope())
                .isEqualTo(expected);
    }
}
