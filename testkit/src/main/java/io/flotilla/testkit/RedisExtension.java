package io.flotilla.testkit;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives an integration test a real Redis: inject a {@link TestRedis} parameter.
 *
 * <p>Where the server comes from, in order: the {@code REDIS_URL} environment variable; else a
 * {@code redis-server} on the PATH; else the Redis binary shipped in the embedded-redis jar. The last two
 * are started once per test JVM on a free port and stopped when the JVM's tests are done. Each test gets its
 * own key prefix. Never a mock.
 */
public final class RedisExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestRedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        URI uri = serverUri(context);
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
        TestRedis redis = new TestRedis(uri, prefix);
        // Closed with the test (or the class, for a @BeforeAll parameter) that asked for it.
        context.getStore(NAMESPACE).put(prefix, (AutoCloseable) redis);
        return redis;
    }

    private static URI serverUri(ExtensionContext context) {
        String fromEnv = System.getenv("REDIS_URL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return URI.create(fromEnv);
        }
        // The root store lives as long as the test JVM's engine run and closes the server at its end.
        RedisProcess server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(RedisProcess.class, type -> RedisProcess.startNew(), RedisProcess.class);
        return server.uri();
    }
}
