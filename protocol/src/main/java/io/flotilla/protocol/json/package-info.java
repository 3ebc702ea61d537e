/**
 * The JSON envelope codec (GATEWAY.md sections 2 and 7): a streaming decoder that reads only op, s and t and keeps
 * d as a byte span, and writers for every payload a client sends. No I/O, no threads.
 */
@NullMarked
package io.flotilla.protocol.json;

import org.jspecify.annotations.NullMarked;
