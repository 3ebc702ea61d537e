/**
 * The entity cache: how each cache-relevant dispatch changes the guild, member and user documents
 * (GATEWAY.md sections 11, 12 and 14 item 10), and where the documents live (Redis in the seed's schema, the
 * node's memory, or nowhere). Writes of a shard's batch are computed here and committed by the batch committer.
 */
@NullMarked
package io.flotilla.cluster.cache;

import org.jspecify.annotations.NullMarked;
