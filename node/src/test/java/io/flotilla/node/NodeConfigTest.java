package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.cluster.cache.CacheMode;
import io.flotilla.protocol.Intents;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
    private static final String TOKEN = "MTIz.secret-token-value";

    private static NodeConfig parse(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("BOT_TOKEN", TOKEN);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return NodeConfig.fromEnv(env, () -> "host-1");
    }

    private static void rejects(ThrowingCallable parse, String variable, String... mentions) {
        assertThatThrownBy(parse)
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(variable))
                .hasMessageStartingWith(variable + ": ")
                .hasMessageContainingAll(mentions);
    }

    @Test
    void defaultsNeedOnlyTheToken() {
        NodeConfig config = parse();
        assertThat(config.token().value()).isEqualTo(TOKEN);
        assertThat(config.redis().toString()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.nodeName()).isEqualTo("host-1");
        assertThat(config.groupName()).isEqualTo("flotilla");
        assertThat(config.shardCount()).isEmpty();
        assertThat(config.intents()).isEqualTo(IntentNames.DEFAULT);
        assertThat(config.intents().hasPrivileged()).isFalse();
        assertThat(config.cacheMode()).isEqualTo(CacheMode.REDIS);
        assertThat(config.discordApiUrl()).isEqualTo(URI.create("https://discord.com/api/v10"));
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.adminToken()).isEmpty();
        assertThat(config.chunkMembers()).isFalse();
        assertThat(config.events().accepts("ANYTHING")).isTrue();
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.tuning()).isEqualTo(NodeTuning.DEFAULTS);
    }

    @Test
    void theTokenIsRequired() {
        rejects(() -> NodeConfig.fromEnv(Map.of(), () -> "h"), "BOT_TOKEN", "required");
        rejects(() -> NodeConfig.fromEnv(Map.of("BOT_TOKEN", "  "), () -> "h"), "BOT_TOKEN", "required");
    }

    @Test
    void redisFromHostPortAndPassword() {
        NodeConfig config = parse("REDIS_HOST", "redis.internal", "REDIS_PORT", "6380", "REDIS_PASS", "hunter2");
        RedisURI uri = config.redis().toRedisUri();
        assertThat(uri.getHost()).isEqualTo("redis.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(config.redis().password().orElseThrow().value()).isEqualTo("hunter2");
        assertThat(config.redis().toString()).isEqualTo("redis://:***@redis.internal:6380");
        rejects(() -> parse("REDIS_PORT", "0"), "REDIS_PORT", "'0'", "1 to 65535");
        rejects(() -> parse("REDIS_PORT", "redis"), "REDIS_PORT", "'redis'", "1 to 65535");
    }

    @Test
    void redisFromUrlWithTlsUserPasswordAndDatabase() {
        NodeConfig config = parse("REDIS_URL", "rediss://app:p%40ss@cache.example:6390/2");
        RedisURI uri = config.redis().toRedisUri();
        assertThat(uri.isSsl()).isTrue();
        assertThat(config.redis().username()).hasValue("app");
        assertThat(config.redis().password().orElseThrow().value()).isEqualTo("p@ss");
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(config.redis().toString()).isEqualTo("rediss://app:***@cache.example:6390/2");
        assertThat(parse("REDIS_URL", "redis://localhost").redis().toString()).isEqualTo("redis://localhost:6379");
    }

    @Test
    void badRedisUrlsNeverQuoteTheUrl() {
        rejects(() -> parse("REDIS_URL", "http://u:topsecret@h"), "REDIS_URL", "scheme 'http'", "rediss://");
        assertThatThrownBy(() -> parse("REDIS_URL", "http://u:topsecret@h")).hasMessageNotContaining("topsecret");
        rejects(() -> parse("REDIS_URL", "redis://:topsecret@"), "REDIS_URL", "no host");
        rejects(() -> parse("REDIS_URL", "redis://h/x"), "REDIS_URL", "database");
    }

    @Test
    void redisUrlAndHostTogetherIsAnErrorNamingBoth() {
        rejects(() -> parse("REDIS_URL", "redis://h", "REDIS_HOST", "h"), "REDIS_URL", "REDIS_URL", "REDIS_HOST");
        rejects(() -> parse("REDIS_URL", "redis://h", "REDIS_PASS", "x"), "REDIS_URL", "REDIS_PASS");
    }

    @Test
    void namesAreValidated() {
        assertThat(parse("NODE_NAME", "node-a", "GROUP_NAME", "bot.prod").groupName())
                .isEqualTo("bot.prod");
        rejects(() -> parse("NODE_NAME", "node a"), "NODE_NAME", "'node a'", "letters, digits");
        rejects(() -> parse("GROUP_NAME", "g*"), "GROUP_NAME", "'g*'");
    }

    @Test
    void shardCount() {
        assertThat(parse("SHARD_COUNT", "16").shardCount()).hasValue(16);
        rejects(() -> parse("SHARD_COUNT", "0"), "SHARD_COUNT", "'0'", "from 1");
        rejects(() -> parse("SHARD_COUNT", "many"), "SHARD_COUNT", "'many'");
    }

    @Test
    void intentsAsNumberOrNames() {
        assertThat(parse("INTENTS", "513").intents()).isEqualTo(new Intents(513));
        assertThat(parse("INTENTS", "guilds, GUILD_MESSAGES").intents())
                .isEqualTo(Intents.of(Intents.GUILDS, Intents.GUILD_MESSAGES));
        rejects(() -> parse("INTENTS", "GUILDS,CATS"), "INTENTS", "'CATS'", "GUILD_MESSAGES");
        rejects(() -> parse("INTENTS", String.valueOf(1L << 40)), "INTENTS", "Discord does not define");
    }

    @Test
    void cacheMode() {
        assertThat(parse("CACHE_MODE", "Memory").cacheMode()).isEqualTo(CacheMode.MEMORY);
        assertThat(parse("CACHE_MODE", "none").cacheMode()).isEqualTo(CacheMode.NONE);
        rejects(() -> parse("CACHE_MODE", "disk"), "CACHE_MODE", "'disk'", "redis, memory or none");
    }

    @Test
    void discordApiUrl() {
        assertThat(parse("DISCORD_API_URL", "http://127.0.0.1:9000/api/v10/").discordApiUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9000/api/v10"));
        rejects(() -> parse("DISCORD_API_URL", "discord.com"), "DISCORD_API_URL", "'discord.com'", "http(s)");
    }

    @Test
    void httpPortAdminTokenChunkingEventsAndGrace() {
        NodeConfig config = parse(
                "HTTP_PORT", "0",
                "ADMIN_TOKEN", "adm1n-secret",
                "CHUNK_MEMBERS", "yes",
                "EVENTS", "message_create, GUILD_CREATE",
                "SHUTDOWN_GRACE", "1500ms");
        assertThat(config.httpPort()).isZero();
        assertThat(config.adminToken().orElseThrow().value()).isEqualTo("adm1n-secret");
        assertThat(config.chunkMembers()).isTrue();
        assertThat(config.events().accepts("MESSAGE_CREATE")).isTrue();
        assertThat(config.events().accepts("TYPING_START")).isFalse();
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofMillis(1500));
        assertThat(parse("SHUTDOWN_GRACE", "20").shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(parse("EVENTS", "*").events().accepts("X")).isTrue();
        rejects(() -> parse("HTTP_PORT", "70000"), "HTTP_PORT", "'70000'", "0 to 65535");
        rejects(() -> parse("CHUNK_MEMBERS", "maybe"), "CHUNK_MEMBERS", "'maybe'", "true or false");
        rejects(() -> parse("EVENTS", "MESSAGE-CREATE"), "EVENTS", "'MESSAGE-CREATE'", "event names");
        rejects(() -> parse("SHUTDOWN_GRACE", "soon"), "SHUTDOWN_GRACE", "'soon'", "25s");
        rejects(() -> parse("SHUTDOWN_GRACE", "10ms"), "SHUTDOWN_GRACE", "at least 1000 ms");
    }

    @Test
    void streamTrimmingIsOffUnlessAsked() {
        assertThat(parse().streamMaxLength()).isZero();
        assertThat(parse().printable()).contains("STREAM_MAXLEN=0 (never trim)");
        assertThat(parse("STREAM_MAXLEN", "100000").streamMaxLength()).isEqualTo(100_000);
        rejects(() -> parse("STREAM_MAXLEN", "-1"), "STREAM_MAXLEN", "'-1'", "0 to");
        rejects(() -> parse("STREAM_MAXLEN", "lots"), "STREAM_MAXLEN", "'lots'", "whole number");
    }

    @Test
    void httpHostAndLogFormat() {
        assertThat(parse().httpHost()).isEqualTo("0.0.0.0");
        assertThat(parse().logFormat()).isEqualTo(LogFormat.TEXT);
        NodeConfig config = parse("HTTP_HOST", "127.0.0.1", "LOG_FORMAT", "JSON");
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.printable()).contains("HTTP_HOST=127.0.0.1", "LOG_FORMAT=json");
        assertThat(parse("LOG_FORMAT", "text").logFormat()).isEqualTo(LogFormat.TEXT);
        rejects(() -> parse("LOG_FORMAT", "xml"), "LOG_FORMAT", "'xml'", "text or json");
        rejects(() -> parse("HTTP_HOST", "every interface"), "HTTP_HOST", "'every interface'", "0.0.0.0");
    }

    @Test
    void identifyReserve() {
        NodeConfig config = parse("IDENTIFY_RESERVE", "50", "IDENTIFY_SPEND_RESERVE", "true");
        assertThat(config.identifyReserve()).isEqualTo(50);
        assertThat(config.spendReserve()).isTrue();
        rejects(() -> parse("IDENTIFY_RESERVE", "-1"), "IDENTIFY_RESERVE", "'-1'");
    }

    @Test
    void expectedNodes() {
        assertThat(parse().expectedNodes()).isZero();
        assertThat(parse().printable()).contains("EXPECTED_NODES=0 (unknown)");
        assertThat(parse("EXPECTED_NODES", "3").expectedNodes()).isEqualTo(3);
        rejects(() -> parse("EXPECTED_NODES", "three"), "EXPECTED_NODES", "'three'");
        rejects(() -> parse("EXPECTED_NODES", "-2"), "EXPECTED_NODES", "'-2'");
    }

    @Test
    void testTimingsAndPrefixes() {
        NodeTuning tuning = parse(
                        "FLOTILLA_LEASE_TTL_MS", "1800",
                        "FLOTILLA_MEMBERSHIP_TTL_MS", "2500",
                        "FLOTILLA_TICK_MS", "200",
                        "FLOTILLA_IDENTIFY_WINDOW_MS", "500",
                        "FLOTILLA_RECONNECT_BACKOFF_MS", "50",
                        "FLOTILLA_KEY_PREFIX", "t1",
                        "FLOTILLA_QUEUE_PREFIX", "t1q")
                .tuning();
        assertThat(tuning.leases().ttl()).isEqualTo(Duration.ofMillis(1800));
        assertThat(tuning.leases().renewEvery()).isEqualTo(Duration.ofMillis(600));
        assertThat(tuning.membership().ttl()).isEqualTo(Duration.ofMillis(2500));
        assertThat(tuning.tick()).isEqualTo(Duration.ofMillis(200));
        assertThat(tuning.identifyWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(tuning.shardTimings().backoffBase()).isEqualTo(Duration.ofMillis(50));
        assertThat(tuning.keyPrefix()).isEqualTo("t1");
        assertThat(tuning.queuePrefix()).isEqualTo("t1q");
        rejects(() -> parse("FLOTILLA_LEASE_TTL_MS", "300"), "FLOTILLA_LEASE_TTL_MS", "'300'", "lengthen the ttl");
        rejects(() -> parse("FLOTILLA_MEMBERSHIP_TTL_MS", "500"), "FLOTILLA_MEMBERSHIP_TTL_MS", "'500'");
        rejects(() -> parse("FLOTILLA_TICK_MS", "fast"), "FLOTILLA_TICK_MS", "'fast'");
    }

    @Test
    void secretsNeverInToStringOrPrintable() {
        NodeConfig config = parse("REDIS_PASS", "hunter2", "ADMIN_TOKEN", "adm1n-secret");
        NodeConfig fromUrl = parse("REDIS_URL", "redis://u:urlsecret@h:1");
        for (String text :
                new String[] {config.toString(), config.printable(), fromUrl.toString(), fromUrl.printable()}) {
            assertThat(text).doesNotContain(TOKEN, "hunter2", "adm1n-secret", "urlsecret");
        }
        assertThat(config.printable())
                .contains("BOT_TOKEN=***", "ADMIN_TOKEN=***", "REDIS=redis://:***@127.0.0.1:6379", "NODE_NAME=host-1")
                .contains("SHARD_COUNT=(from /gateway/bot)");
        assertThat(parse().printable()).contains("ADMIN_TOKEN=(unset: no admin API)");
    }

    @Test
    void theRedisUriLettuceLogsHasNoPassword() {
        // Lettuce names the URI in its connection and reconnect lines; its toString must not carry the password.
        assertThat(parse("REDIS_PASS", "hunter2").redis().toRedisUri().toString())
                .doesNotContain("hunter2");
        assertThat(parse("REDIS_URL", "redis://u:urlsecret@h:1")
                        .redis()
                        .toRedisUri()
                        .toString())
                .doesNotContain("urlsecret");
    }
}
