package io.flotilla.node.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a route sees it: method, path (without the query), query parameters and headers. Requests
 * have no body worth reading here (the admin API takes its arguments in the query). A value; the headers are the
 * request's own and not modified.
 *
 * @param method the request method
 * @param path the decoded path, e.g. {@code /admin/move}
 * @param query the decoded query parameters
 * @param headers the request headers
 */
public record HttpAsk(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers) {
    public HttpAsk {
        query = Map.copyOf(query);
    }

    /** The first value of query parameter {@code name}, if given and not blank. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank()
                ? Optional.empty()
                : Optional.of(values.getFirst().trim());
    }

    /** The {@code Authorization} header, or null. */
    public @Nullable String authorization() {
        return headers.get(HttpHeaderNames.AUTHORIZATION);
    }
}
