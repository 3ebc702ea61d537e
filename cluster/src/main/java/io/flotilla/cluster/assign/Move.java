package io.flotilla.cluster.assign;

import org.jspecify.annotations.Nullable;

/**
 * One change between the current assignment and the next. A value.
 *
 * @param shard the shard
 * @param from the node it was assigned to, or null if it was unassigned (a node that is gone stays named here)
 * @param to the node it is assigned to now
 * @param reason why it moved
 */
public record Move(int shard, @Nullable String from, String to, Reason reason) {
    /** Why a shard changed node; only hand-offs between live nodes count against the per-round bound. */
    public enum Reason {
        /** Unassigned, or its node is gone: given to the least-loaded node. Always done, never bounded. */
        PLACE(false),
        /** Unassigned, or its node is gone, but a live node reports running it: recorded there, no hand-off. */
        ADOPT(false),
        /** Its node is draining: moved away by a hand-off. Bounded, but at least one per round. */
        DRAIN(true),
        /** Its node is above its share and another below: moved by a hand-off. Bounded. */
        BALANCE(true),
        /** An operator asked for it ({@code flotilla move}): moved by a hand-off; balance leaves it there after. */
        REQUEST(true);

        private final boolean handOff;

        Reason(boolean handOff) {
            this.handOff = handOff;
        }

        /** True when the old node still runs the shard and must stop it (RESUME on the new one): bounded. */
        public boolean handOff() {
            return handOff;
        }
    }

    @Override
    public String toString() {
        return "shard " + shard + " " + (from == null ? "(unassigned)" : from) + " -> " + to + " (" + reason + ")";
    }
}
