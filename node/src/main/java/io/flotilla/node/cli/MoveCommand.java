package io.flotilla.node.cli;

import io.flotilla.cluster.status.ClusterControl;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code flotilla move <shard> <node>}: asks the leader to move a shard ({@link ClusterControl#move}). */
@Command(
        name = "move",
        mixinStandardHelpOptions = true,
        description = {
            "Asks the leader to move a shard to a node (by name or id) in its next round: the old owner hands it",
            "off and the new one RESUMEs it, as in a rebalance. The leader leaves it there while it leads (balance",
            "moves other shards to even the loads). Refused for a shard out of range or an unknown or draining node."
        },
        footer = {"", "Exit codes: 0 requested (or already there), 1 refused or Redis unreachable, 2 usage."})
final class MoveCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(index = "0", paramLabel = "<shard>", description = "The shard id.")
    int shard;

    @Parameters(index = "1", paramLabel = "<node>", description = "The node's name (NODE_NAME) or id.")
    String node = "";

    @Mixin
    GroupOption group = new GroupOption();

    MoveCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return OperatorRedis.run(
                cli,
                "move",
                group.value(),
                (config, redis) -> DrainCommand.report(
                        cli,
                        new ClusterControl(redis, config.keys(), InstantSource.system(), OperatorRedis.TIMEOUT)
                                .move(shard, node)));
    }
}
