package io.flotilla.node.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The routes of the node's HTTP server: exact paths, each with the methods it answers. An unknown path is 404, a
 * known path with another method 405 (naming the allowed ones). Built once with {@link #builder()}, immutable and
 * thread-safe afterwards.
 *
 * <pre>{@code
 * HttpRoutes routes = HttpRoutes.builder()
 *         .get("/health", Route.now(ask -> HttpAnswer.text(200, "ok")))
 *         .get("/dashboard", StaticResource.of("io/flotilla/node/dashboard/index.html"))
 *         .build();
 * }</pre>
 */
public final class HttpRoutes {
    private final Map<String, Map<HttpMethod, Route>> byPath;

    private HttpRoutes(Map<String, Map<HttpMethod, Route>> byPath) {
        this.byPath = byPath;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The answer to {@code ask}: its route's, or 404/405. */
    CompletionStage<HttpAnswer> answer(HttpAsk ask) {
        Map<HttpMethod, Route> methods = byPath.get(ask.path());
        if (methods == null) {
            return done(HttpAnswer.error(404, "no such path: " + ask.path()));
        }
        Route route = methods.get(ask.method());
        if (route == null && HttpMethod.HEAD.equals(ask.method())) {
            route = methods.get(HttpMethod.GET);
        }
        if (route == null) {
            return done(HttpAnswer.error(
                    405, ask.method() + " is not allowed on " + ask.path() + "; use " + methods.keySet()));
        }
        return route.answer(ask);
    }

    /** True when {@code path} has a route (for tests and the log line at start). */
    public boolean has(String path) {
        return byPath.containsKey(path);
    }

    private static CompletionStage<HttpAnswer> done(HttpAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /** Collects routes; a path and method given twice is a mistake and refused. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Map<HttpMethod, Route>> byPath = new LinkedHashMap<>();

        private Builder() {}

        public Builder get(String path, Route route) {
            return add(HttpMethod.GET, path, route);
        }

        public Builder post(String path, Route route) {
            return add(HttpMethod.POST, path, route);
        }

        public Builder add(HttpMethod method, String path, Route route) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a route's path starts with '/', got '" + path + "'");
            }
            Map<HttpMethod, Route> methods = byPath.computeIfAbsent(path, p -> new LinkedHashMap<>());
            if (methods.putIfAbsent(method, route) != null) {
                throw new IllegalArgumentException(method + " " + path + " has a route already");
            }
            return this;
        }

        public HttpRoutes build() {
            Map<String, Map<HttpMethod, Route>> copy = new LinkedHashMap<>();
            byPath.forEach((path, methods) -> copy.put(path, Map.copyOf(methods)));
            return new HttpRoutes(Map.copyOf(copy));
        }
    }
}
