/**
 * The fake Discord's wire vocabulary: opcodes, close codes, intents, transport compressions and the encoders
 * that turn one gateway payload into WebSocket frames. Pure protocol facts (GATEWAY.md sections 2-4, 9, 10);
 * knows nothing of sessions or shards.
 */
@NullMarked
package io.flotilla.fake.wire;

import org.jspecify.annotations.NullMarked;
