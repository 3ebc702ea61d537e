/**
 * Commands from workers: the owning node reads {@code g:command:<shard>} of all its shards, validates each entry
 * (op, JSON, size, shape, shard) and hands valid ones to the shard's send queue; bad ones go to
 * {@code g:command:rejected} with the reason and never reach Discord. Delivery is at least once, settlement once:
 * an entry is deleted once Discord provably read it (not on the socket write), rejected only under the shard's
 * lease, and left alone by a node the shard left. Also the member chunker, which requests members of large guilds
 * through the same path.
 */
@NullMarked
package io.flotilla.cluster.command;

import org.jspecify.annotations.NullMarked;
