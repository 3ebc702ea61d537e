package io.flotilla.fake.wire;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Transport compressions a client may ask for with the {@code compress} query parameter (GATEWAY.md 9). */
public enum Compression {
    /** Uncompressed JSON in TEXT frames. */
    NONE(""),
    /** One zlib stream per connection, each payload ending in a SYNC_FLUSH marker, in BINARY frames. */
    ZLIB_STREAM("zlib-stream"),
    /** One zstd stream per connection, each payload flushed into one BINARY frame, the frame never ended. */
    ZSTD_STREAM("zstd-stream");

    private final String queryValue;

    Compression(String queryValue) {
        this.queryValue = queryValue;
    }

    public String queryValue() {
        return queryValue;
    }

    /** The compression a {@code compress} query value names (absent or empty: none), or empty when unknown. */
    public static Optional<Compression> fromQuery(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(NONE);
        }
        for (Compression compression : values()) {
            if (compression.queryValue.equals(value)) {
                return Optional.of(compression);
            }
        }
        return Optional.empty();
    }
}
