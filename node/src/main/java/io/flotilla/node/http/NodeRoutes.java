package io.flotilla.node.http;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.status.ControlResult;
import io.flotilla.node.metrics.NodeMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Every route of the node's server, in one place: {@code /health}, {@code /ready}, {@code /metrics}, the dashboard
 * ({@code /} and {@code /dashboard}, one self-contained page) and the JSON it polls ({@code /api/cluster}), and, only
 * when an admin token is set, {@code POST /admin/drain} and {@code POST /admin/move} (401 without the right bearer
 * token; without a token the paths do not exist: 404). Stateless but for {@link ClusterApi}'s rendered answer; the
 * routes read the probe of the moment.
 */
final class NodeRoutes {
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    static final String DASHBOARD = "io/flotilla/node/dashboard/index.html";

    private NodeRoutes() {}

    static HttpRoutes routes(NodeMetrics metrics, Supplier<NodeProbe> probe, Optional<BearerAuth> admin) {
        HttpRoutes.Builder routes = HttpRoutes.builder()
                // Liveness: answered by this loop, so it says the process runs; never asks Redis.
                .get("/health", Route.now(ask -> HttpAnswer.text(200, "ok")))
                .get(
                        "/ready",
                        Route.now(ask -> ready(Readiness.decide(probe.get().readiness()))))
                .get(
                        "/metrics",
                        Route.now(ask ->
                                new HttpAnswer(200, PROMETHEUS, metrics.scrape().getBytes(StandardCharsets.UTF_8))))
                .get("/api/cluster", new ClusterApi(probe));
        Route dashboard = StaticResource.of(DASHBOARD);
        routes.get("/", dashboard).get("/dashboard", dashboard);
        admin.ifPresent(auth -> routes.post(
                        "/admin/drain", guarded(auth, ask -> probe.get().drain(ask.param("node"))))
                .post("/admin/move", guarded(auth, ask -> move(probe.get(), ask))));
        return routes.build();
    }

    private static HttpAnswer ready(Readiness readiness) {
        var body = HttpAnswer.object().put("ready", readiness.ready()).put("reason", readiness.reason());
        var shards = body.putObject("shards");
        readiness.shards().forEach((shard, why) -> shards.put(Integer.toString(shard), why));
        return HttpAnswer.json(readiness.ready() ? 200 : 503, body);
    }

    private static CompletionStage<ControlResult> move(NodeProbe probe, HttpAsk ask) {
        Optional<String> shard = ask.param("shard");
        Optional<String> node = ask.param("node");
        if (shard.isEmpty() || node.isEmpty()) {
            throw new IllegalArgumentException("give the shard and the node: POST /admin/move?shard=N&node=NAME");
        }
        int id;
        try {
            id = Integer.parseInt(shard.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard '" + shard.get() + "' is not a shard number");
        }
        return probe.move(id, node.get());
    }

    /**
     * An admin action: 401 without the token; 200 with the {@link ControlResult} when accepted (requested or already
     * so), 409 with its reason when refused; 400 for a malformed request, 503 while the node starts or Redis fails.
     */
    private static Route guarded(BearerAuth auth, Function<HttpAsk, CompletionStage<ControlResult>> act) {
        return ask -> {
            if (!auth.allows(ask.authorization())) {
                return CompletableFuture.completedFuture(
                        HttpAnswer.error(401, "the admin API needs the header Authorization: Bearer <ADMIN_TOKEN>"));
            }
            CompletionStage<ControlResult> done;
            try {
                done = act.apply(ask);
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            return done.handle((result, error) -> result != null ? answer(result) : failed(error));
        };
    }

    private static HttpAnswer answer(ControlResult result) {
        var body = HttpAnswer.object().put("outcome", result.outcome().name()).put("message", result.message());
        if (!result.accepted()) {
            body.put("error", result.message());
        }
        return HttpAnswer.json(result.accepted() ? 200 : 409, body);
    }

    private static HttpAnswer failed(@Nullable Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            return HttpAnswer.error(500, "the action failed");
        }
        int status = cause instanceof IllegalArgumentException
                ? 400
                : cause instanceof IllegalStateException || cause instanceof ClusterException ? 503 : 500;
        return HttpAnswer.error(status, String.valueOf(cause.getMessage()));
    }
}
