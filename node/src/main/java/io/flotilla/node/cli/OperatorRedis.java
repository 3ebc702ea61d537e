package io.flotilla.node.cli;

import io.flotilla.cluster.ClusterException;
import io.flotilla.node.ConfigException;
import io.flotilla.node.OperatorConfig;
import io.flotilla.node.Secret;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;

/**
 * The Redis edge of the operator's commands: reads {@link OperatorConfig} from the environment, connects (bounded,
 * no reconnect), runs the command's body and closes. A bad variable is exit 2; an unreachable Redis or a failed read
 * is exit 1, with a message that names the Redis by {@code host:port} and never holds its password.
 */
final class OperatorRedis {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What a command does once connected; returns the exit code. */
    interface Body {
        int run(OperatorConfig config, StatefulRedisConnection<String, String> redis);
    }

    private OperatorRedis() {}

    static int run(Cli cli, String command, Optional<String> group, Body body) {
        OperatorConfig config;
        try {
            config = OperatorConfig.fromEnv(cli.env(), group);
        } catch (ConfigException e) {
            cli.err().println("flotilla " + command + ": bad configuration: " + e.getMessage());
            return Cli.USAGE;
        }
        RedisClient client = RedisClient.create(config.redis().toRedisUri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setTimeout(TIMEOUT);
            return body.run(config, connection);
        } catch (RedisException | ClusterException e) {
            cli.err()
                    .println("flotilla " + command + ": cannot reach Redis at " + config.redis() + ": "
                            + scrubbed(e, config.redis().password()));
            return Cli.FAILURE;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** The deepest message of the failure, with the password (should a driver ever echo it) masked. */
    private static String scrubbed(Throwable e, Optional<Secret> password) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(
                root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
        if (password.isPresent() && !password.get().value().isEmpty()) {
            message = message.replace(password.get().value(), "***");
        }
        return message;
    }
}
