package io.flotilla.node.cli;

import io.flotilla.cluster.status.ClusterControl;
import io.flotilla.cluster.status.ControlResult;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code flotilla drain <node>}: asks a live node to drain ({@link ClusterControl#drain}); exit 1 when refused. */
@Command(
        name = "drain",
        mixinStandardHelpOptions = true,
        description = {
            "Asks a node (by name or id) to drain: the leader moves its shards to the other nodes by hand-off",
            "(RESUME, no new IDENTIFY), a few per round; the node keeps running with no shard. There is no undrain:",
            "restart the node to give it shards again. Redis from REDIS_URL or REDIS_HOST/REDIS_PORT/REDIS_PASS."
        },
        footer = {"", "Exit codes: 0 requested (or already draining), 1 refused or Redis unreachable, 2 usage."})
final class DrainCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "<node>", description = "The node's name (NODE_NAME) or id.")
    String node = "";

    @Mixin
    GroupOption group = new GroupOption();

    DrainCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return OperatorRedis.run(
                cli,
                "drain",
                group.value(),
                (config, redis) -> report(
                        cli,
                        new ClusterControl(redis, config.keys(), InstantSource.system(), OperatorRedis.TIMEOUT)
                                .drain(node)));
    }

    /** Prints what happened; exit 1 when refused. */
    static int report(Cli cli, ControlResult result) {
        if (result.accepted()) {
            cli.out().println(result.message());
            return Cli.OK;
        }
        cli.err().println("refused: " + result.message());
        return Cli.FAILURE;
    }
}
