package io.flotilla.cluster.status;

/**
 * What an operator's request ({@link ClusterControl}) came to, with a sentence saying so (names, not only ids). A
 * value.
 *
 * @param outcome what happened
 * @param message what happened, for the operator
 */
public record ControlResult(Outcome outcome, String message) {
    /** What happened to a request. */
    public enum Outcome {
        /** Written to Redis: the node or the leader carries it out within a round or two. */
        REQUESTED,
        /** Nothing to do: the cluster is already so (a node already draining, a shard already there). */
        ALREADY_DONE,
        /** Not written: the message names the reason (an unknown or draining node, a shard out of range). */
        REFUSED;
    }

    /** True unless refused. */
    public boolean accepted() {
        return outcome != Outcome.REFUSED;
    }

    static ControlResult requested(String message) {
        return new ControlResult(Outcome.REQUESTED, message);
    }

    static ControlResult already(String message) {
        return new ControlResult(Outcome.ALREADY_DONE, message);
    }

    static ControlResult refused(String message) {
        return new ControlResult(Outcome.REFUSED, message);
    }
}
