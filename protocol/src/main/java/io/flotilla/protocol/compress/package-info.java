/**
 * Transport decompression of a gateway connection (GATEWAY.md section 9): one zlib-stream or zstd-stream context
 * per connection, with buffers that are reused across payloads and allocated only when data arrives.
 */
@NullMarked
package io.flotilla.protocol.compress;

import org.jspecify.annotations.NullMarked;
