package io.flotilla.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code flotilla fake-discord [flags]}: the fake Discord alone ({@code io.flotilla.fake.Main}, what {@code bin/demo
 * --fake-only} runs); every flag, {@code --help} included, is the fake's own. It exits the process itself on bad
 * flags (2).
 */
@Command(
        name = "fake-discord",
        description = "Runs the fake Discord alone (REST and gateway on one port); --help lists its flags.")
final class FakeDiscordCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        io.flotilla.fake.Main.main(args.toArray(String[]::new));
        return Cli.OK;
    }
}
