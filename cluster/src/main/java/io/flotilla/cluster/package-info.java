/**
 * Flotilla's cluster side: shared types of the Redis-backed stores (the infrastructure exception). The stores
 * live in sub-packages: {@code commit} (event queues and the session seq, one transaction per batch),
 * {@code cache}, {@code session} and {@code command}.
 */
@NullMarked
package io.flotilla.cluster;

import org.jspecify.annotations.NullMarked;
