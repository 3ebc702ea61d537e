package io.flotilla.cluster.command;

/** The outcome of validating one command entry: a command to send, or the reason it is rejected. */
sealed interface Verdict {
    record Accepted(Command command) implements Verdict {}

    record Rejected(String reason) implements Verdict {}
}
