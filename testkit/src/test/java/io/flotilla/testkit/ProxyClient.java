package io.flotilla.testkit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;

/** A Lettuce connection for the proxy tests: given command timeout, no auto-reconnect, closed with the test. */
final class ProxyClient implements AutoCloseable {
    private final RedisClient client;
    final StatefulRedisConnection<String, String> connection;

    ProxyClient(URI uri, Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri.toString());
        redisUri.setTimeout(timeout);
        client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder().autoReconnect(false).build());
        connection = client.connect();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
