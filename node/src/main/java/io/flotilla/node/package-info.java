/**
 * The deployable node: {@link io.flotilla.node.NodeConfig} from the environment, {@link
 * io.flotilla.node.NodeAssembly} wiring gateway shards to the cluster, and {@link io.flotilla.node.Main}.
 */
@NullMarked
package io.flotilla.node;

import org.jspecify.annotations.NullMarked;
