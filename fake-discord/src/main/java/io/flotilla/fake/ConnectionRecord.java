package io.flotilla.fake;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One gateway WebSocket connection.
 *
 * @param id the fake's number for it, in order of opening
 * @param path the upgrade path ({@code /} or {@code /resume})
 * @param version the {@code v} query parameter, or null
 * @param encoding the {@code encoding} query parameter, or null
 * @param compress the {@code compress} query parameter, or null
 * @param openedAt when the upgrade completed
 * @param closedAt when it closed, or null while open
 * @param end how it ended
 * @param closeCode the close code of the frame that ended it, or -1
 * @param reason why (a close reason, a violation, a fault)
 */
public record ConnectionRecord(
        long id,
        String path,
        @Nullable String version,
        @Nullable String encoding,
        @Nullable String compress,
        Instant openedAt,
        @Nullable Instant closedAt,
        ConnectionEnd end,
        int closeCode,
        String reason) {}
