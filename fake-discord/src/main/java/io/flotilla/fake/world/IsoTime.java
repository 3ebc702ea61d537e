package io.flotilla.fake.world;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders Unix milliseconds as Discord writes timestamps: ISO 8601 with microseconds and an explicit
 * {@code +00:00} offset, e.g. {@code 2026-06-01T12:00:00.123000+00:00}. Stateless and thread-safe.
 */
final class IsoTime {

    /** The simulated "now" the world starts at; the world runs on its own clock so it stays reproducible. */
    static final long WORLD_START_MS = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private IsoTime() {}

    static String of(long epochMs) {
        return FORMAT.format(Instant.ofEpochMilli(epochMs));
    }
}
