package io.flotilla.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.protocol.Recovery;
import org.junit.jupiter.api.Test;

class ResumeFallbackTest {
    private final ResumeFallback fallback = new ResumeFallback();

    @Test
    void theThirdFailedResumeInARowIdentifies() {
        assertThat(fallback.afterConnection(true, false, Recovery.RESUME)).isEqualTo(Recovery.RESUME);
        assertThat(fallback.afterConnection(true, false, Recovery.RESUME)).isEqualTo(Recovery.RESUME);
        assertThat(fallback.afterConnection(true, false, Recovery.RESUME)).isEqualTo(Recovery.IDENTIFY);
        // Counting starts over after the identify.
        assertThat(fallback.afterConnection(true, false, Recovery.RESUME)).isEqualTo(Recovery.RESUME);
    }

    @Test
    void aLiveSessionOrADropOfALiveConnectionIsNotAFailedResume() {
        fallback.afterConnection(true, false, Recovery.RESUME);
        fallback.afterConnection(true, false, Recovery.RESUME);
        fallback.sessionLive();
        assertThat(fallback.afterConnection(true, false, Recovery.RESUME)).isEqualTo(Recovery.RESUME);
        assertThat(fallback.afterConnection(true, true, Recovery.RESUME)).isEqualTo(Recovery.RESUME);
        assertThat(fallback.afterConnection(false, false, Recovery.RESUME)).isEqualTo(Recovery.RESUME);
        assertThat(fallback.afterConnection(true, false, Recovery.RESUME)).isEqualTo(Recovery.RESUME);
    }

    @Test
    void otherDecisionsPassThrough() {
        assertThat(fallback.afterConnection(true, false, Recovery.STOP)).isEqualTo(Recovery.STOP);
        assertThat(fallback.afterConnection(true, false, Recovery.IDENTIFY)).isEqualTo(Recovery.IDENTIFY);
    }
}
