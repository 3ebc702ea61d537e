package io.flotilla.node.cli;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --group} option of the commands that read a cluster from Redis ({@code status}, {@code drain},
 * {@code move}), mixed into each. Set by picocli on the parsing thread, read by the command after.
 */
final class GroupOption {
    @Option(
            names = "--group",
            paramLabel = "<name>",
            description = "The cluster group (default: GROUP_NAME, else flotilla).")
    @Nullable
    String group;

    /** The group given on the command line, if any. */
    Optional<String> value() {
        return Optional.ofNullable(group);
    }
}
