package io.flotilla.bench;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Reads the CPU time a Redis server used ({@code INFO cpu}: {@code used_cpu_user + used_cpu_sys}), so a benchmark
 * can say how the machine's CPUs were split between the node and Redis, its forked rewrites, and command counts
 * (transactions run); and can turn its AOF rewrites off. Not thread-safe; owns its connection.
 */
final class RedisStats implements AutoCloseable {
    private final StatefulRedisConnection<String, String> connection;

    RedisStats(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /** CPU seconds the server used since it started. */
    double cpuSeconds() {
        return sum(connection.sync().info("cpu"), "used_cpu_user:", "used_cpu_sys:");
    }

    /**
     * What the server has used since it started, from one {@code INFO cpu} and one {@code INFO stats}.
     *
     * @param cpu the server's own CPU seconds
     * @param forks {@code total_forks}: one per AOF rewrite or RDB save
     * @param childCpu CPU seconds of its ended children (the rewrites, which run in a forked process on whichever
     *     core is free); counted when a child ends, so a rewrite is counted whole in the window it ends in
     */
    record Usage(double cpu, long forks, double childCpu) {
        /** A contender without a Redis. */
        static final Usage NONE = new Usage(Double.NaN, 0, 0);

        Usage minus(Usage earlier) {
            return new Usage(cpu - earlier.cpu, forks - earlier.forks, childCpu - earlier.childCpu);
        }
    }

    Usage usage() {
        String cpu = connection.sync().info("cpu");
        return new Usage(
                sum(cpu, "used_cpu_user:", "used_cpu_sys:"),
                (long) sum(connection.sync().info("stats"), "total_forks:"),
                sum(cpu, "used_cpu_user_children:", "used_cpu_sys_children:"));
    }

    /** Turns off the automatic AOF rewrite ({@code auto-aof-rewrite-percentage 0}); the AOF itself stays on. */
    void disableAofRewrites() {
        connection.sync().configSet("auto-aof-rewrite-percentage", "0");
    }

    private static double sum(String info, String... fields) {
        double total = 0;
        for (String line : info.split("\r?\n", -1)) {
            for (String field : fields) {
                if (line.startsWith(field)) {
                    total += Double.parseDouble(line.substring(field.length()).trim());
                }
            }
        }
        return total;
    }

    /** How many times the server ran {@code command} since it started ({@code INFO commandstats}). */
    long calls(String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        for (String line : connection.sync().info("commandstats").split("\r?\n", -1)) {
            if (line.startsWith(prefix)) {
                int end = line.indexOf(',', prefix.length());
                return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
            }
        }
        return 0;
    }

    /** Every command's call count since the server started ({@code INFO commandstats}), by command name. */
    java.util.Map<String, Long> allCalls() {
        java.util.Map<String, Long> calls = new java.util.TreeMap<>();
        for (String line : connection.sync().info("commandstats").split("\r?\n", -1)) {
            int at = line.indexOf(":calls=");
            if (line.startsWith("cmdstat_") && at > 0) {
                int end = line.indexOf(',', at);
                calls.put(line.substring("cmdstat_".length(), at), Long.parseLong(line.substring(at + 7, end)));
            }
        }
        return calls;
    }

    @Override
    public void close() {
        connection.close();
    }
}
