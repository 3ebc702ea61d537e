package io.flotilla.bench;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Reads the CPU time a Redis server used ({@code INFO cpu}: {@code used_cpu_user + used_cpu_sys}), so a benchmark
 * can say how the machine's CPUs were split between the node and Redis. Not thread-safe; owns its connection.
 */
final class RedisStats implements AutoCloseable {
    private final StatefulRedisConnection<String, String> connection;

    RedisStats(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /** CPU seconds the server used since it started. */
    double cpuSeconds() {
        double total = 0;
        for (String line : connection.sync().info("cpu").split("\r?\n", -1)) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                total +=
                        Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }

    @Override
    public void close() {
        connection.close();
    }
}
