/**
 * Which nodes are alive in a group: each node's {@link io.flotilla.cluster.membership.NodeRecord} in Redis with a
 * TTL, refreshed every second by its {@link io.flotilla.cluster.membership.Membership}; node ids are snowflakes
 * made locally ({@link io.flotilla.cluster.membership.Snowflake}). Decides nothing: the leader reads the members
 * and assigns.
 */
@NullMarked
package io.flotilla.cluster.membership;

import org.jspecify.annotations.NullMarked;
