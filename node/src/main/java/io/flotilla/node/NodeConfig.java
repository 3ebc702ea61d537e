package io.flotilla.node;

import io.flotilla.cluster.cache.CacheMode;
import io.flotilla.cluster.commit.EventFilter;
import io.flotilla.gateway.Token;
import io.flotilla.protocol.Intents;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything a node runs with, read once from the environment ({@link #fromEnv}) and validated there: a bad value
 * is a {@link ConfigException} naming the variable, the value (never a secret's) and what is accepted. Secrets are
 * wrapped ({@link Token}, {@link Secret}) so {@link #toString()} and {@link #printable()} never show them. The
 * variables and their defaults are listed in node/README.md. A value.
 *
 * @param token {@code BOT_TOKEN} (required)
 * @param redis {@code REDIS_URL} or {@code REDIS_HOST}/{@code REDIS_PORT}/{@code REDIS_PASS}
 * @param nodeName {@code NODE_NAME} (default: the host name)
 * @param groupName {@code GROUP_NAME} (default "flotilla"): the nodes of one bot
 * @param shardCount {@code SHARD_COUNT}, or empty for Discord's recommendation from {@code /gateway/bot}
 * @param intents {@code INTENTS}: a number or names (default: every unprivileged intent)
 * @param cacheMode {@code CACHE_MODE}: redis, memory or none (default redis)
 * @param discordApiUrl {@code DISCORD_API_URL} (default {@value #DISCORD_API})
 * @param httpHost {@code HTTP_HOST}: the address the HTTP server binds (default every interface, {@code 0.0.0.0})
 * @param httpPort {@code HTTP_PORT} (default 8080; 0: any free port, published in the node record)
 * @param adminToken {@code ADMIN_TOKEN}; no admin API without it
 * @param chunkMembers {@code CHUNK_MEMBERS}: request the members of large guilds (default false)
 * @param events {@code EVENTS}: the event names queued to streams, comma separated (default all)
 * @param streamMaxLength {@code STREAM_MAXLEN}: trim each event stream to about this many entries ({@code XADD MAXLEN
 *     ~}); 0, the default, never trims, so nothing a worker has not read is dropped
 * @param shutdownGrace {@code SHUTDOWN_GRACE}: how long a graceful stop waits for the hand-offs (default 25 s)
 * @param identifyReserve {@code IDENTIFY_RESERVE}: session starts never spent without the override (default 0)
 * @param spendReserve {@code IDENTIFY_SPEND_RESERVE}: the operator override (default false)
 * @param expectedNodes {@code EXPECTED_NODES}: how many nodes are started together; a cold start places the shards
 *     once that many joined instead of waiting until none joined for 2 s (default 0: unknown)
 * @param logFormat {@code LOG_FORMAT}: {@code text} (default) or {@code json} (one JSON object per line)
 * @param tuning test-only timings and key prefixes ({@code FLOTILLA_*})
 */
public record NodeConfig(
        Token token,
        RedisTarget redis,
        String nodeName,
        String groupName,
        OptionalInt shardCount,
        Intents intents,
        CacheMode cacheMode,
        URI discordApiUrl,
        String httpHost,
        int httpPort,
        Optional<Secret> adminToken,
        boolean chunkMembers,
        EventFilter events,
        int streamMaxLength,
        Duration shutdownGrace,
        int identifyReserve,
        boolean spendReserve,
        int expectedNodes,
        LogFormat logFormat,
        NodeTuning tuning) {
    public static final String DISCORD_API = "https://discord.com/api/v10";
    public static final String DEFAULT_GROUP = "flotilla";
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
    private static final Pattern EVENT = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Reads and validates the configuration.
     *
     * @param env the environment ({@code System.getenv()} in {@link Main}, a map in tests)
     * @param hostname the default node name, asked only when {@code NODE_NAME} is unset
     * @throws ConfigException for the first bad or missing value
     */
    public static NodeConfig fromEnv(Map<String, String> env, Supplier<String> hostname) {
        try {
            return read(env, hostname);
        } catch (ConfigException e) {
            throw e.redacted(env);
        }
    }

    private static NodeConfig read(Map<String, String> env, Supplier<String> hostname) {
        EnvReader read = new EnvReader(env);
        Token token = new Token(read.required("BOT_TOKEN", "the bot token from the Discord developer portal"));
        RedisTarget redis = RedisTarget.read(read);
        String nodeName = name(read, "NODE_NAME", read.get("NODE_NAME").orElseGet(hostname));
        String group = name(read, "GROUP_NAME", read.get("GROUP_NAME").orElse(DEFAULT_GROUP));
        OptionalInt shards = read.has("SHARD_COUNT")
                ? OptionalInt.of(read.integer("SHARD_COUNT", 1, 1, 1_000_000))
                : OptionalInt.empty();
        Intents intents = read.get(IntentNames.VARIABLE).map(IntentNames::parse).orElse(IntentNames.DEFAULT);
        CacheMode cache = read.get("CACHE_MODE").map(NodeConfig::cacheMode).orElse(CacheMode.REDIS);
        URI api = read.get("DISCORD_API_URL").map(NodeConfig::apiUrl).orElse(URI.create(DISCORD_API));
        String httpHost = read.get("HTTP_HOST").map(NodeConfig::httpHost).orElse("0.0.0.0");
        int httpPort = read.integer("HTTP_PORT", 8080, 0, 65535);
        Optional<Secret> admin = read.get("ADMIN_TOKEN").map(Secret::new);
        boolean chunk = read.bool("CHUNK_MEMBERS", false);
        EventFilter events = read.get("EVENTS").map(NodeConfig::events).orElse(EventFilter.all());
        int maxLength = read.integer("STREAM_MAXLEN", 0, 0, 1_000_000_000);
        Duration grace = read.duration("SHUTDOWN_GRACE", DEFAULT_GRACE, Duration.ofSeconds(1));
        int reserve = read.integer("IDENTIFY_RESERVE", 0, 0, 1_000_000);
        boolean spend = read.bool("IDENTIFY_SPEND_RESERVE", false);
        int expected = read.integer("EXPECTED_NODES", 0, 0, 10_000);
        LogFormat logFormat = read.get(LogFormat.VARIABLE).map(LogFormat::parse).orElse(LogFormat.TEXT);
        return new NodeConfig(
                token,
                redis,
                nodeName,
                group,
                shards,
                intents,
                cache,
                api,
                httpHost,
                httpPort,
                admin,
                chunk,
                events,
                maxLength,
                grace,
                reserve,
                spend,
                expected,
                logFormat,
                NodeTuning.read(read));
    }

    /** The effective configuration, one {@code VARIABLE=value} per line, secrets shown as {@code ***}. */
    public String printable() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("BOT_TOKEN", "***");
        lines.put("REDIS", redis.toString());
        lines.put("NODE_NAME", nodeName);
        lines.put("GROUP_NAME", groupName);
        lines.put(
                "SHARD_COUNT", shardCount.isPresent() ? String.valueOf(shardCount.getAsInt()) : "(from /gateway/bot)");
        lines.put("INTENTS", String.valueOf(intents.bits()));
        lines.put("CACHE_MODE", cacheMode.name().toLowerCase(Locale.ROOT));
        lines.put("DISCORD_API_URL", discordApiUrl.toString());
        lines.put("HTTP_HOST", httpHost);
        lines.put("HTTP_PORT", String.valueOf(httpPort));
        lines.put("ADMIN_TOKEN", adminToken.isPresent() ? "***" : "(unset: no admin API)");
        lines.put("CHUNK_MEMBERS", String.valueOf(chunkMembers));
        lines.put("EVENTS", events.toString());
        lines.put("STREAM_MAXLEN", streamMaxLength == 0 ? "0 (never trim)" : "~" + streamMaxLength);
        lines.put("SHUTDOWN_GRACE", shutdownGrace.toMillis() + "ms");
        lines.put("IDENTIFY_RESERVE", String.valueOf(identifyReserve));
        lines.put("IDENTIFY_SPEND_RESERVE", String.valueOf(spendReserve));
        lines.put("EXPECTED_NODES", expectedNodes == 0 ? "0 (unknown)" : String.valueOf(expectedNodes));
        lines.put(LogFormat.VARIABLE, logFormat.value());
        return lines.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    static String name(EnvReader read, String variable, String value) {
        if (!NAME.matcher(value).matches()) {
            throw new ConfigException(
                    variable,
                    "'" + value + "' is not accepted: give 1 to 63 letters, digits, '_', '.' or '-', starting with"
                            + " a letter or digit");
        }
        return value;
    }

    private static String httpHost(String value) {
        if (!HOST.matcher(value).matches()) {
            throw new ConfigException(
                    "HTTP_HOST",
                    "'" + value + "' is not accepted: give the address to listen on, such as 0.0.0.0 (every"
                            + " interface) or 127.0.0.1");
        }
        return value;
    }

    private static CacheMode cacheMode(String value) {
        try {
            return CacheMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CACHE_MODE", "'" + value + "' is not accepted: give redis, memory or none");
        }
    }

    private static URI apiUrl(String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(
                "DISCORD_API_URL", "'" + value + "' is not accepted: give an http(s) URL such as " + DISCORD_API);
    }

    private static EventFilter events(String value) {
        if (value.equals("*") || value.equalsIgnoreCase("all")) {
            return EventFilter.all();
        }
        Set<String> names = Arrays.stream(value.split(","))
                .map(name -> name.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        for (String name : names) {
            if (!EVENT.matcher(name).matches()) {
                throw new ConfigException(
                        "EVENTS",
                        "'" + name + "' is not accepted: give event names separated by commas (MESSAGE_CREATE,"
                                + "GUILD_CREATE), or * for all");
            }
        }
        return EventFilter.only(names);
    }
}
