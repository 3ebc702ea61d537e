/**
 * Redis plumbing shared by the cluster's stores: waiting for a reply with a timeout, Lua scripts as classes
 * (loaded once per connection, re-loaded when Redis forgot them), and the one retry policy.
 */
@NullMarked
package io.flotilla.cluster.redis;

import org.jspecify.annotations.NullMarked;
