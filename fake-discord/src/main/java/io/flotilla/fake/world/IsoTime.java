package io.flotilla.fake.world;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Renders Unix milliseconds as Discord writes timestamps: ISO 8601 with microseconds and an explicit
 * {@code +00:00} offset, e.g. {@code 2026-06-01T12:00:00.123000+00:00}. Hand-rolled because every event
 * carries a few timestamps and {@code DateTimeFormatter} would be a large share of an event's cost.
 * Stateless and thread-safe.
 */
final class IsoTime {

    /** The simulated "now" the world starts at; the world runs on its own clock so it stays reproducible. */
    static final long WORLD_START_MS = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();

    private static final int LENGTH = "2026-06-01T12:00:00.123000+00:00".length();

    private IsoTime() {}

    static String of(long epochMs) {
        long seconds = Math.floorDiv(epochMs, 1000);
        int millis = (int) Math.floorMod(epochMs, 1000);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("timestamp " + epochMs + " is outside the years 0-9999");
        }
        char[] out = new char[LENGTH];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, millis, 3);
        "000+00:00".getChars(0, 9, out, 23);
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
