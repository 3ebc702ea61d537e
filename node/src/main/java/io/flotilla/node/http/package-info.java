/**
 * The node's HTTP server (one small Netty server per node, on its own one-thread event loop, never on the shards'):
 * the routes ({@link io.flotilla.node.http.HttpRoutes}), the probes {@code /health} and {@code /ready} with the
 * readiness decision ({@link io.flotilla.node.http.Readiness}), {@code /metrics}, the admin API behind {@link
 * io.flotilla.node.http.BearerAuth}, and static resources from the class path. Handlers never block the loop: what
 * reads Redis completes asynchronously.
 */
@NullMarked
package io.flotilla.node.http;

import org.jspecify.annotations.NullMarked;
