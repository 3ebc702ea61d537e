/**
 * A shard's resumable session in Redis ({@code g:session:<shard>}): what is stored, and when a stored session
 * may be offered for RESUME (only for the same shard count).
 */
@NullMarked
package io.flotilla.cluster.session;

import org.jspecify.annotations.NullMarked;
