package io.flotilla.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One test's view of the shared Redis: its address and a key prefix no other test uses, so integration
 * tests never need {@code FLUSHALL} and can run side by side. Keys the test writes should start with
 * {@link #prefix()}.
 *
 * <p>Owned by one test; {@link RedisExtension} closes it after the test.
 */
public final class TestRedis implements AutoCloseable {
    private final URI uri;
    private final String prefix;
    private @Nullable RedisClient client;
    private @Nullable StatefulRedisConnection<String, String> connection;

    TestRedis(URI uri, String prefix) {
        this.uri = uri;
        this.prefix = prefix;
    }

    /**
     * A view of a server the test started itself (a {@link RedisProcess} it kills and restarts), with its own key
     * prefix; the caller closes it.
     */
    public static TestRedis of(URI uri, String prefix) {
        return new TestRedis(uri, prefix);
    }

    /** The server's address, {@code redis://host:port}. */
    public URI uri() {
        return uri;
    }

    /** A prefix unique to this test, ending in {@code :}. */
    public String prefix() {
        return prefix;
    }

    /** {@code prefix() + name}. */
    public String key(String name) {
        return prefix + name;
    }

    /** Synchronous commands on a connection opened on first use and closed after the test. */
    public RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null) {
            RedisClient created = RedisClient.create(uri.toString());
            client = created;
            open = created.connect();
            connection = open;
        }
        return open.sync();
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }
}
