package io.flotilla.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {
    private final HttpRoutes routes = HttpRoutes.builder()
            .get("/health", Route.now(ask -> HttpAnswer.text(200, "ok")))
            .post(
                    "/admin/drain",
                    Route.now(ask ->
                            HttpAnswer.text(200, "node=" + ask.param("node").orElse("self"))))
            .build();

    private static HttpAsk ask(HttpMethod method, String path, Map<String, java.util.List<String>> query) {
        return new HttpAsk(method, path, query, new DefaultHttpHeaders());
    }

    private HttpAnswer answer(HttpAsk ask) {
        return routes.answer(ask).toCompletableFuture().join();
    }

    @Test
    void aKnownPathAndMethodIsAnsweredByItsRoute() {
        HttpAnswer answer = answer(ask(HttpMethod.POST, "/admin/drain", Map.of("node", java.util.List.of("node-b"))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("node=node-b\n");
    }

    @Test
    void anUnknownPathIs404AndAnotherMethod405() {
        assertThat(answer(ask(HttpMethod.GET, "/nope", Map.of())).status()).isEqualTo(404);
        assertThat(answer(ask(HttpMethod.GET, "/admin/drain", Map.of())).status())
                .isEqualTo(405);
        assertThat(answer(ask(HttpMethod.HEAD, "/health", Map.of())).status()).isEqualTo(200);
    }

    @Test
    void aRouteGivenTwiceIsRefused() {
        Route ok = Route.now(ask -> HttpAnswer.text(200, "ok"));
        assertThatThrownBy(() -> HttpRoutes.builder().get("/a", ok).get("/a", ok))
                .hasMessageContaining("GET /a has a route already");
    }

    @Test
    void aStaticResourceIsServedWithTheTypeOfItsExtension() {
        assertThat(StaticResource.contentType("x/index.html")).startsWith("text/html");
        assertThat(StaticResource.contentType("x/app.js")).startsWith("text/javascript");
        assertThatThrownBy(() -> StaticResource.of("no/such/file.html")).hasMessageContaining("no/such/file.html");
        HttpAnswer logback = StaticResource.of("logback-test.xml", "text/xml")
                .answer(ask(HttpMethod.GET, "/x", Map.of()))
                .toCompletableFuture()
                .join();
        assertThat(new String(logback.body(), StandardCharsets.UTF_8)).contains("<configuration>");
    }
}
