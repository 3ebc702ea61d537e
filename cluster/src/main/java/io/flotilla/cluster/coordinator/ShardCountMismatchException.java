package io.flotilla.cluster.coordinator;

/**
 * This node was configured with another shard count than the cluster it joins: it must not run a single shard (the
 * same shard id names other guilds under another count). Thrown by {@link Coordinator#start}; also the reason a
 * running coordinator halts when a leader with another count took over. The message says what to do.
 */
public final class ShardCountMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int configured;
    private final int cluster;

    /**
     * @param group the cluster group
     * @param configKey the key that holds the cluster's shard count
     * @param configured this node's shard count
     * @param cluster the cluster's
     */
    public ShardCountMismatchException(String group, String configKey, int configured, int cluster) {
        super("this node is configured for " + configured + " shards but cluster group '" + group + "' runs "
                + cluster + " shards (" + configKey + "); either set SHARD_COUNT=" + cluster
                + " on this node, or stop all nodes of the group and start them all with the new count");
        this.configured = configured;
        this.cluster = cluster;
    }

    /** The shard count this node was configured with. */
    public int configured() {
        return configured;
    }

    /** The shard count the cluster runs. */
    public int cluster() {
        return cluster;
    }
}
