/**
 * The Discord gateway wire model (GATEWAY.md sections 2 to 10): opcodes, close codes and the recovery each one
 * asks for, intents, shard identity and snowflake routing. No I/O, no threads.
 */
@NullMarked
package io.flotilla.protocol;

import org.jspecify.annotations.NullMarked;
