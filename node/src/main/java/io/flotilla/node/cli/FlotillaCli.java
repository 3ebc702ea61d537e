package io.flotilla.node.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code flotilla}: the one entry point over the node's jar ({@code ./flotilla} runs it). Subcommands: {@code node},
 * {@code status}, {@code drain}, {@code move}, {@code fake-discord}, {@code demo}; each has {@code --help}. Exit codes
 * are picocli's: 0 ok, 1 failure, 2 usage (bad flags, a bad configuration, no subcommand).
 *
 * <p>{@link #execute} is the testable entry: it returns the exit code.
 */
@Command(
        name = "flotilla",
        mixinStandardHelpOptions = true,
        versionProvider = FlotillaCli.Version.class,
        description = "Distributed Discord gateway sharding: run a node, see and steer the cluster, try the demo.",
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage or bad configuration."})
public final class FlotillaCli implements Callable<Integer> {
    private final Cli cli;

    private FlotillaCli(Cli cli) {
        this.cli = cli;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, System.getenv(), System.in, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code. */
    public static int execute(
            String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        Cli cli = new Cli(env, in, out, err);
        CommandLine line = new CommandLine(new FlotillaCli(cli))
                .addSubcommand(new NodeCommand(cli))
                .addSubcommand(new StatusCommand(cli))
                .addSubcommand(new DrainCommand(cli))
                .addSubcommand(new MoveCommand(cli))
                .addSubcommand(new FakeDiscordCommand())
                .addSubcommand(new DemoCommand());
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println("flotilla " + failed.getCommandName() + ": " + e.getMessage());
            return Cli.FAILURE;
        });
        return line.execute(args);
    }

    /** No subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        cli.err().println("flotilla: give a command");
        new CommandLine(this).usage(cli.err());
        return Cli.USAGE;
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FlotillaCli.class.getPackage().getImplementationVersion();
            return new String[] {"flotilla " + (version == null ? "(development build)" : version)};
        }
    }
}
