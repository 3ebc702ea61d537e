package io.flotilla.node;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the node's Redis is: from {@code REDIS_HOST}/{@code REDIS_PORT}/{@code REDIS_PASS} (the seed's names) or
 * from one {@code REDIS_URL} ({@code redis://} or {@code rediss://} for TLS, with optional user, password and
 * database). {@link #toString()} never shows the password. A value.
 *
 * @param host the host name or address
 * @param port the TCP port
 * @param tls true for {@code rediss://}
 * @param database the database index
 * @param username the ACL user, if any
 * @param password the password, if any
 */
public record RedisTarget(
        String host, int port, boolean tls, int database, Optional<String> username, Optional<Secret> password) {
    static final String HOST = "REDIS_HOST";
    static final String PORT = "REDIS_PORT";
    static final String PASS = "REDIS_PASS";
    static final String URL = "REDIS_URL";
    /** A DNS name, an IPv4 address or a bare IPv6 address. */
    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,253}");

    /** Reads the Redis variables; giving {@code REDIS_URL} together with any of the others is an error. */
    static RedisTarget read(EnvReader env) {
        if (env.has(URL)) {
            for (String other : new String[] {HOST, PORT, PASS}) {
                if (env.has(other)) {
                    throw new ConfigException(
                            URL,
                            "both " + URL + " and " + other + " are set; give either " + URL
                                    + " alone or REDIS_HOST/REDIS_PORT/REDIS_PASS");
                }
            }
            return fromUrl(env.get(URL).orElseThrow());
        }
        String host = env.get(HOST).orElse("127.0.0.1");
        if (!HOST_NAME.matcher(host).matches()) {
            throw new ConfigException(
                    HOST,
                    host.contains("://")
                            ? "is a URL, not a host name: give it as REDIS_URL instead (with REDIS_HOST, REDIS_PORT and"
                                    + " REDIS_PASS unset)"
                            : "'" + host + "' is not a host name or address: give one like redis.internal, 10.0.0.5"
                                    + " or ::1");
        }
        int port = env.integer(PORT, RedisURI.DEFAULT_REDIS_PORT, 1, 65535);
        return new RedisTarget(
                host, port, false, 0, Optional.empty(), env.get(PASS).map(Secret::new));
    }

    private static RedisTarget fromUrl(String url) {
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw bad("is not a URL");
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
            throw bad("has scheme '" + scheme + "'");
        }
        String host = parsed.getHost();
        if (host == null || host.isEmpty()) {
            throw bad("has no host");
        }
        int port = parsed.getPort() < 0 ? RedisURI.DEFAULT_REDIS_PORT : parsed.getPort();
        int database = 0;
        String path = parsed.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw bad("has a database path that is not a number");
            }
            if (database < 0) {
                throw bad("has a negative database number");
            }
        }
        Optional<String> username = Optional.empty();
        Optional<Secret> password = Optional.empty();
        @Nullable String info = parsed.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            String user = decode(colon < 0 ? "" : info.substring(0, colon));
            String pass = decode(colon < 0 ? info : info.substring(colon + 1));
            username = user.isEmpty() ? Optional.empty() : Optional.of(user);
            password = pass.isEmpty() ? Optional.empty() : Optional.of(new Secret(pass));
        }
        return new RedisTarget(host, port, scheme.equals("rediss"), database, username, password);
    }

    /** The URL's problem, without quoting the URL (it may hold a password). */
    private static ConfigException bad(String problem) {
        return new ConfigException(
                URL,
                "the value " + problem + ": give redis://[user:password@]host[:port][/db] or rediss://... for TLS");
    }

    private static String decode(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The Lettuce URI, password included (hand it only to Lettuce). */
    public RedisURI toRedisUri() {
        RedisURI.Builder builder =
                RedisURI.builder().withHost(host).withPort(port).withSsl(tls).withDatabase(database);
        password.ifPresent(secret -> {
            if (username.isPresent()) {
                builder.withAuthentication(username.get(), secret.value().toCharArray());
            } else {
                builder.withPassword(secret.value().toCharArray());
            }
        });
        return builder.build();
    }

    /** {@code redis://host:port/db} or {@code rediss://...}, the password shown as {@code ***}. */
    @Override
    public String toString() {
        String auth = password.isPresent()
                ? username.orElse("") + ":***@"
                : username.map(u -> u + "@").orElse("");
        return (tls ? "rediss://" : "redis://") + auth + host + ":" + port + (database == 0 ? "" : "/" + database);
    }
}
