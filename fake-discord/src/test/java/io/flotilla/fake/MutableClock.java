package io.flotilla.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the unit tests move by hand. Not thread-safe; one test at a time. */
final class MutableClock implements InstantSource {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
