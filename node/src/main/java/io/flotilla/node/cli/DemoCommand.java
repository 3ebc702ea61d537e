package io.flotilla.node.cli;

import io.flotilla.node.demo.DemoMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code flotilla demo [flags]}: the whole-cluster demo ({@link DemoMain}: an embedded Redis, the fake Discord, 3
 * nodes; a node killed and its shards RESUMED elsewhere); every flag, {@code --help} included, is the demo's own.
 * Ctrl-C stops everything. It exits the process itself on bad flags (2) or a failure (1).
 */
@Command(
        name = "demo",
        description = "Runs a whole local cluster: Redis, the fake Discord, 3 nodes; --help lists its flags.")
final class DemoCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        DemoMain.main(args.toArray(String[]::new));
        return Cli.OK;
    }
}
