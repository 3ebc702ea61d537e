/**
 * {@code bin/demo}: a whole local cluster (an embedded Redis, the fake Discord in-process, three node processes)
 * with its progress in the terminal, a node killed and restarted on a schedule. Not part of a deployment.
 */
@NullMarked
package io.flotilla.node.demo;

import org.jspecify.annotations.NullMarked;
