package io.flotilla.cluster.assign;

import java.util.Objects;

/**
 * What the assignment needs to know about one live node (from its membership record). A value.
 *
 * @param id the node's id; ties between equally loaded nodes go to the smaller id (string order)
 * @param capacityWeight how many shards this node takes relative to the others, at least 1 (two nodes of weight 2
 *     and 1 get two thirds and one third of the shards)
 * @param draining true while the node stops gracefully: it gets no shard and its shards move away
 */
public record NodeView(String id, int capacityWeight, boolean draining) {
    public NodeView {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a node id must not be empty");
        }
        if (capacityWeight < 1) {
            throw new IllegalArgumentException("capacity weight of node " + id + " must be at least 1, got "
                    + capacityWeight + "; to give a node no shards, mark it draining");
        }
    }

    /** A node of weight 1 that is not draining. */
    public static NodeView of(String id) {
        return new NodeView(id, 1, false);
    }

    /** This node, draining. */
    public NodeView drain() {
        return new NodeView(id, capacityWeight, true);
    }
}
