/**
 * Single-process implementations of the gateway's ports, for tests, benchmarks and the demo: an in-memory
 * session store and an identify gate that paces one node. A cluster uses its own (Redis) implementations.
 */
@NullMarked
package io.flotilla.gateway.local;

import org.jspecify.annotations.NullMarked;
