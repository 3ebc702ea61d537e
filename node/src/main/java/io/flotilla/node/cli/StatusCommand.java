package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flotilla status}: the cluster at a glance from Redis ({@link ClusterSnapshotReader}), as a compact table
 * ({@link StatusTable}) or the snapshot's JSON. Exit 1 when Redis cannot be reached.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the cluster from Redis: nodes (alive, leader, draining, shards), the identify budget, and every shard",
            "that is not READY (all of them with --shards): owner, state, gateway latency, seq, last event age.",
            "Redis from REDIS_URL or REDIS_HOST/REDIS_PORT/REDIS_PASS, as for the node."
        },
        footer = {"", "Exit codes: 0 ok, 1 Redis unreachable, 2 usage or bad configuration."})
final class StatusCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    GroupOption group = new GroupOption();

    @Option(names = "--json", description = "Print the snapshot as JSON (what the dashboard serves).")
    boolean json;

    @Option(names = "--shards", description = "List every shard, not only those that are not READY.")
    boolean shards;

    StatusCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return OperatorRedis.run(cli, "status", group.value(), (config, redis) -> {
            ClusterSnapshot snapshot = new ClusterSnapshotReader(
                            redis,
                            config.keys(),
                            InstantSource.system(),
                            config.identifyReserve(),
                            OperatorRedis.TIMEOUT)
                    .read();
            cli.out().print(json ? snapshot.toJson(new ObjectMapper()) + "\n" : StatusTable.render(snapshot, shards));
            return Cli.OK;
        });
    }
}
