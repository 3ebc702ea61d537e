package io.flotilla.protocol.compress;

import org.jspecify.annotations.Nullable;

/**
 * The transport compression of a connection, as named in the {@code compress} query parameter (GATEWAY.md
 * section 9). Immutable. {@link #newInflater()} makes the per-connection context that section 14 item 8 asks for.
 */
public enum Compression {
    NONE(null),
    ZLIB_STREAM("zlib-stream"),
    ZSTD_STREAM("zstd-stream");

    private final @Nullable String queryValue;

    Compression(@Nullable String queryValue) {
        this.queryValue = queryValue;
    }

    /** The value of the compress query parameter, or null when it is left out. */
    public @Nullable String queryValue() {
        return queryValue;
    }

    /** A fresh context for one connection; never share it between connections. */
    public TransportInflater newInflater() {
        return switch (this) {
            case NONE -> new PlainPayloads();
            case ZLIB_STREAM -> new ZlibStreamInflater();
            case ZSTD_STREAM -> new ZstdStreamInflater();
        };
    }
}
