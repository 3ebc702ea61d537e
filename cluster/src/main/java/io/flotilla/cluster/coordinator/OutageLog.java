package io.flotilla.cluster.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that Redis is unreachable once per outage (not once per round) and when it is back, with how long it was
 * gone. Owned by the coordinator's loop thread.
 */
final class OutageLog {
    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

    private final InstantSource clock;
    private final Duration retryEvery;
    private @Nullable Instant since;
    private @Nullable String problem;

    OutageLog(InstantSource clock, Duration retryEvery) {
        this.clock = clock;
        this.retryEvery = retryEvery;
    }

    /** A round failed on Redis; the first failure of an outage is logged. */
    void failed(String doing, RuntimeException cause) {
        if (since == null) {
            since = clock.instant();
            problem = "Redis is unreachable (" + doing + ": " + cause.getMessage() + ")";
            LOG.warn("{}; retrying every {} ms, nothing is started meanwhile", problem, retryEvery.toMillis());
        }
    }

    /** A round reached Redis; ends an outage. */
    void reached() {
        Instant began = since;
        if (began != null) {
            LOG.info(
                    "Redis is reachable again after {} ms",
                    Duration.between(began, clock.instant()).toMillis());
            since = null;
            problem = null;
        }
    }

    /** What is wrong now, or null. */
    @Nullable
    String problem() {
        return problem;
    }
}
