package io.flotilla.node;

import io.flotilla.worker.Keys;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator's commands ({@code flotilla status}, {@code drain}, {@code move}) need from the environment: the
 * node's Redis variables ({@code REDIS_URL} or {@code REDIS_HOST}/{@code REDIS_PORT}/{@code REDIS_PASS}), the group
 * ({@code GROUP_NAME}, or the command's {@code --group}), the key prefixes ({@code FLOTILLA_KEY_PREFIX},
 * {@code FLOTILLA_QUEUE_PREFIX}) and {@code IDENTIFY_RESERVE}, read and checked as {@link NodeConfig} reads them. No
 * bot token needed. A value; {@link #toString} never shows the Redis password.
 *
 * @param redis where the cluster's Redis is
 * @param keys the group's key names
 * @param identifyReserve the session starts the nodes keep back
 */
public record OperatorConfig(RedisTarget redis, Keys keys, int identifyReserve) {

    /**
     * Reads the configuration.
     *
     * @param group the group given on the command line, which wins over {@code GROUP_NAME}
     * @throws ConfigException for the first bad value, naming the variable
     */
    public static OperatorConfig fromEnv(Map<String, String> env, Optional<String> group) {
        EnvReader read = new EnvReader(env);
        RedisTarget redis = RedisTarget.read(read);
        String name = group.isPresent()
                ? NodeConfig.name(read, "--group", group.get())
                : NodeConfig.name(read, "GROUP_NAME", read.get("GROUP_NAME").orElse(NodeConfig.DEFAULT_GROUP));
        NodeTuning tuning = NodeTuning.read(read);
        int reserve = read.integer("IDENTIFY_RESERVE", 0, 0, 1_000_000);
        return new OperatorConfig(redis, new Keys(tuning.keyPrefix(), tuning.queuePrefix(), name), reserve);
    }
}
