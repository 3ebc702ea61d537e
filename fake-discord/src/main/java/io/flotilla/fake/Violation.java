package io.flotilla.fake;

import java.time.Instant;

/**
 * A client protocol mistake the fake closed a connection for.
 *
 * @param connectionId the offending connection
 * @param closeCode the close code sent
 * @param reason what the client did
 * @param at when
 */
public record Violation(long connectionId, int closeCode, String reason, Instant at) {}
