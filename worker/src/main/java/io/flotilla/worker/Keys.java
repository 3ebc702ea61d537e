package io.flotilla.worker;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every Redis key name Flotilla uses, built in one place (ARCHITECTURE.md, "Redis layout"). No key string is
 * assembled anywhere else, so a later layout (for example one hash tag per shard group for Redis Cluster) is a
 * change to this class alone.
 *
 * <p>Defaults: cache and command prefix {@code g}, queue prefix {@code discord}. The cluster group name scopes
 * the coordination keys ({@code g:cluster:<group>:...}).
 *
 * <p>Immutable and thread-safe; event stream keys are memoised because the commit hot path asks for one per
 * dispatch.
 */
public final class Keys {
    /** The cache, session and command prefix of the seed's layout. */
    public static final String DEFAULT_PREFIX = "g";
    /** The event queue prefix of the seed's layout. */
    public static final String DEFAULT_QUEUE_PREFIX = "discord";

    // Discord has roughly a hundred event names; past this many distinct names we stop memoising.
    private static final int MAX_MEMOISED_EVENT_KEYS = 1024;

    private final String prefix;
    private final String queuePrefix;
    private final String group;
    private final ConcurrentHashMap<String, String> eventKeys = new ConcurrentHashMap<>();

    /**
     * @param prefix the cache/session/command prefix, {@code g} by default
     * @param queuePrefix the event stream prefix, {@code discord} by default
     * @param group the cluster's group name ({@code GROUP_NAME})
     */
    public Keys(String prefix, String queuePrefix, String group) {
        this.prefix = requireName("prefix", prefix);
        this.queuePrefix = requireName("queue prefix", queuePrefix);
        this.group = requireName("group name", group);
    }

    /** The seed's layout ({@code g}, {@code discord}) for this cluster group. */
    public static Keys defaults(String group) {
        return new Keys(DEFAULT_PREFIX, DEFAULT_QUEUE_PREFIX, group);
    }

    public String prefix() {
        return prefix;
    }

    public String queuePrefix() {
        return queuePrefix;
    }

    public String group() {
        return group;
    }

    // ---- entity cache ----

    /** {@code g:cache:<shard>:guild}: guild id → guild JSON with channels, roles, threads, emojis, stickers. */
    public String guilds(int shard) {
        return prefix + ":cache:" + shard + ":guild";
    }

    /** {@code g:cache:<shard>:guild:<guild>:member}: user id → member JSON whose {@code user} is the user id. */
    public String members(int shard, String guildId) {
        return prefix + ":cache:" + shard + ":guild:" + guildId + ":member";
    }

    /** {@code g:cache:<shard>:*}: a SCAN pattern for every cache key one shard owns (wiped on a new session). */
    public String shardCachePattern(int shard) {
        return prefix + ":cache:" + shard + ":*";
    }

    /** {@code g:cache:user}: user id → user JSON, shared by every shard. */
    public String users() {
        return prefix + ":cache:user";
    }

    // ---- events, sessions, commands ----

    /** {@code discord:event:<name lowercased>}, e.g. {@code discord:event:message_create}. */
    public String events(String eventName) {
        String known = eventKeys.get(eventName);
        if (known != null) {
            return known;
        }
        String key = queuePrefix + ":event:" + eventName.toLowerCase(Locale.ROOT);
        if (eventKeys.size() < MAX_MEMOISED_EVENT_KEYS) {
            eventKeys.putIfAbsent(eventName, key);
        }
        return key;
    }

    /** {@code g:session:<shard>}: the shard's resumable session. */
    public String session(int shard) {
        return prefix + ":session:" + shard;
    }

    /** {@code g:command:<shard>}: commands from workers for one shard. */
    public String commands(int shard) {
        return prefix + ":command:" + shard;
    }

    /** {@code g:gaps}: a stream of gap records ({@link GapFields}), one per session that ended losing events. */
    public String gaps() {
        return prefix + ":gaps";
    }

    /** {@code g:command:rejected}: commands that failed validation, with the reason. */
    public String rejectedCommands() {
        return prefix + ":command:rejected";
    }

    /**
     * {@code g:dedup:<consumer group>:<shard>:<session>:<seq>}: a string with a PX expiry, the group-wide
     * de-duplication record of one event ({@link GroupDedup}): the id of the stream entry that claimed it, then
     * {@code done} once handled.
     */
    public String dedup(String consumerGroup, int shard, String session, long seq) {
        return prefix + ":dedup:" + consumerGroup + ":" + shard + ":" + session + ":" + seq;
    }

    /**
     * {@code g:dead-letter:<consumer group>}: a stream of the events a consumer group's handlers failed on too
     * often ({@link DeadLetterFields}: the event's own fields plus the error), written by the worker SDK.
     */
    public String deadLetters(String consumerGroup) {
        return prefix + ":dead-letter:" + consumerGroup;
    }

    // ---- cluster coordination (per group) ----

    /** {@code g:cluster:<group>:node:<id>}: a node's heartbeat record (string: the record's JSON, with a PX TTL). */
    public String node(String nodeId) {
        return clusterKey("node:" + nodeId);
    }

    /**
     * {@code g:cluster:<group>:nodes}: set of node ids whose records may be live. The records ({@link #node})
     * carry the TTL; readers drop an id whose record is gone.
     */
    public String nodeIndex() {
        return clusterKey("nodes");
    }

    /** {@code g:cluster:<group>:leader}: the leader lease (string {@code <nodeId>:<epoch>}, with a PX TTL). */
    public String leader() {
        return clusterKey("leader");
    }

    /** {@code g:cluster:<group>:epoch}: the group's fencing counter (string integer, {@code INCR}; no TTL). */
    public String epoch() {
        return clusterKey("epoch");
    }

    /** {@code g:cluster:<group>:assignment}: hash shard id → {@code <nodeId>:<epoch>} (written by the leader). */
    public String assignment() {
        return clusterKey("assignment");
    }

    /** {@code g:cluster:<group>:shard:<id>:lease}: the shard's running owner (string token {@code <nodeId>:<epoch>}, PX TTL). */
    public String shardLease(int shard) {
        return clusterKey("shard:" + shard + ":lease");
    }

    /** {@code g:cluster:<group>:identify:<bucket>}: the bucket's 5 s identify slot. */
    public String identify(int bucket) {
        return clusterKey("identify:" + bucket);
    }

    /**
     * {@code g:cluster:<group>:identify-waiting}: sorted set of the shards waiting to identify (member and score the
     * shard id), so a shard of a later round lets earlier ones go first.
     */
    public String identifyWaiting() {
        return clusterKey("identify-waiting");
    }

    /** {@code g:cluster:<group>:identify-waiting:deadline}: hash shard id → ms after which its waiter counts as gone. */
    public String identifyWaitingDeadlines() {
        return clusterKey("identify-waiting:deadline");
    }

    /**
     * {@code g:cluster:<group>:budget}: hash of the session-start budget seen at {@code /gateway/bot}: {@code total},
     * {@code remaining}, {@code reset_at} (epoch ms), decremented by each identify.
     */
    public String budget() {
        return clusterKey("budget");
    }

    /**
     * {@code g:cluster:<group>:config}: hash written by the leader; field {@code shard_count} → {@code
     * <count>:<epoch>} ({@link ClusterConfig}).
     */
    public String config() {
        return clusterKey("config");
    }

    /**
     * {@code g:cluster:<group>:shard-status}: hash shard id → the JSON status its owner publishes every few seconds
     * ({@code node}, {@code state}, {@code latency_ms}, {@code seq}, {@code last_event_at}, {@code updated_at}).
     */
    public String shardStatus() {
        return clusterKey("shard-status");
    }

    /**
     * {@code g:cluster:<group>:handoffs}: a stream capped near 100 entries, one per completed hand-off ({@code shard},
     * {@code from}, {@code to}, {@code duration_ms}), written by the node that handed the shard off.
     */
    public String handOffs() {
        return clusterKey("handoffs");
    }

    /**
     * {@code g:cluster:<group>:drain:<id>}: an operator's request that the node drain (string: the request time in
     * epoch ms, with a PX TTL); the node begins draining within a round and deletes it.
     */
    public String drainRequest(String nodeId) {
        return clusterKey("drain:" + nodeId);
    }

    /**
     * {@code g:cluster:<group>:moves}: hash shard id → node id, an operator's move requests; the leader carries each
     * out in its next round (by hand-off) and deletes the field.
     */
    public String moveRequests() {
        return clusterKey("moves");
    }

    private String clusterKey(String rest) {
        return prefix + ":cluster:" + group + ":" + rest;
    }

    private static String requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '*')) {
            throw new IllegalArgumentException(
                    "Redis " + what + " must be non-empty without spaces or '*', was '" + value + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Keys[prefix=" + prefix + ", queuePrefix=" + queuePrefix + ", group=" + group + "]";
    }
}
