package io.flotilla.fake;

import io.flotilla.fake.wire.Compression;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the log knows about one connection: how it was opened and how it ended (the first ending recorded wins,
 * so a server close is not overwritten by the TCP close that follows). Owned by the connection; event loop only.
 */
final class ConnectionInfo {

    // fixed at the upgrade
    private final long id;
    private final String path;
    private final @Nullable String version;
    private final @Nullable String encoding;
    private final @Nullable String compress;
    private final Compression compression;
    private final Instant openedAt;

    // how it ended
    private ConnectionEnd end = ConnectionEnd.OPEN;
    private int closeCode = -1;
    private String reason = "";

    ConnectionInfo(
            long id,
            String path,
            @Nullable String version,
            @Nullable String encoding,
            @Nullable String compress,
            Compression compression,
            Instant openedAt) {
        this.id = id;
        this.path = path;
        this.version = version;
        this.encoding = encoding;
        this.compress = compress;
        this.compression = compression;
        this.openedAt = openedAt;
    }

    long id() {
        return id;
    }

    String path() {
        return path;
    }

    Compression compression() {
        return compression;
    }

    void ended(ConnectionEnd how, int code, String why) {
        if (end == ConnectionEnd.OPEN) {
            end = how;
            closeCode = code;
            reason = why;
        }
    }

    ConnectionRecord snapshot(Instant now) {
        return new ConnectionRecord(
                id,
                path,
                version,
                encoding,
                compress,
                openedAt,
                end == ConnectionEnd.OPEN ? null : now,
                end,
                closeCode,
                reason);
    }
}
