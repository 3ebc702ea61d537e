package io.flotilla.node.cli;

import io.flotilla.node.ConfigException;
import io.flotilla.node.Main;
import io.flotilla.node.NodeConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla node}: runs a node from the environment ({@link Main#runFromEnv}: SIGTERM drains it), or with
 * {@code --print-config} prints the effective configuration, secrets as {@code ***}. Exit 2 names a bad variable.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a node configured by environment variables (BOT_TOKEN, REDIS_URL, GROUP_NAME, ... see node/README.md).",
            "SIGTERM or Ctrl-C drains it: its shards move to the other nodes by RESUME, within SHUTDOWN_GRACE."
        },
        footer = {"", "Exit codes: 0 stopped cleanly, 1 fatal error (token rejected, ...), 2 bad configuration."})
final class NodeCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(
            names = "--print-config",
            description = "Print the effective configuration (secrets shown as ***) and exit.")
    boolean printConfig;

    NodeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (!printConfig) {
            return Main.runFromEnv(cli.env(), cli.in(), cli.out(), cli.err());
        }
        try {
            cli.out().println(NodeConfig.fromEnv(cli.env(), Main::hostname).printable());
            return Cli.OK;
        } catch (ConfigException e) {
            cli.err().println("flotilla: bad configuration: " + e.getMessage());
            return Cli.USAGE;
        }
    }
}
