package io.flotilla.fake;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API, the fault verbs over HTTP for tests in other languages and the demo:
 * {@code POST /control/shards/{id}/reconnect | invalidate?resumable= | heartbeat-request | ack?enabled= | drop |
 * close?code= | emit?count= | outage?guild=&state=start|end}, {@code POST /control/chaos?mean_ms=&seed=&fatal=false},
 * {@code DELETE /control/chaos}, {@code POST /control/reconnect-before-hello?count=1} (op 7 instead of HELLO on
 * the next connections), {@code GET /control/log} (a JSON summary). Stateless; runs on any event loop.
 */
// emit over HTTP answers 202 at once; the emit logs its own failure (see handle).
@SuppressWarnings("FutureReturnValueIgnored")
final class ControlApi {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);

    private final FakeDiscord fake;

    ControlApi(FakeDiscord fake) {
        this.fake = fake;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        String[] parts = query.path().substring(1).split("/", -1);
        try {
            if (parts.length == 2 && parts[1].equals("log") && request.method().equals(HttpMethod.GET)) {
                HttpReplies.json(ctx, request, HttpResponseStatus.OK, LogSummary.render(fake));
            } else if (parts.length == 2
                    && parts[1].equals("reconnect-before-hello")
                    && request.method().equals(HttpMethod.POST)) {
                String count = param(query, "count");
                fake.reconnectBeforeHello(count == null ? 1 : Integer.parseInt(count));
                accepted(ctx, request);
            } else if (parts.length == 2 && parts[1].equals("chaos")) {
                chaos(request, query);
                accepted(ctx, request);
            } else if (parts.length == 4
                    && parts[1].equals("shards")
                    && request.method().equals(HttpMethod.POST)) {
                FakeShard shard = fake.shard(Integer.parseInt(parts[2]));
                if (parts[3].equals("emit")) {
                    int count = Integer.parseInt(required(query, "count"));
                    CompletableFuture.runAsync(() -> shard.emit(count)).exceptionally(e -> {
                        LOG.warn("fake-discord control emit of {} events on shard {} failed", count, shard.id(), e);
                        return null;
                    });
                } else {
                    verb(shard, parts[3], query);
                }
                accepted(ctx, request);
            } else {
                HttpReplies.error(
                        ctx,
                        request,
                        HttpResponseStatus.NOT_FOUND,
                        "no control verb " + request.method() + " " + query.path());
            }
        } catch (IllegalArgumentException e) {
            HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
        }
    }

    private void chaos(FullHttpRequest request, QueryStringDecoder query) {
        if (request.method().equals(HttpMethod.DELETE)) {
            fake.stopChaos();
        } else {
            long mean = Long.parseLong(required(query, "mean_ms"));
            String seed = param(query, "seed");
            fake.chaos(
                    Duration.ofMillis(mean),
                    seed == null ? 1 : Long.parseLong(seed),
                    Boolean.parseBoolean(param(query, "fatal")));
        }
    }

    private static void verb(FakeShard shard, String verb, QueryStringDecoder query) {
        switch (verb) {
            case "reconnect" -> shard.sendReconnect();
            case "invalidate" -> shard.invalidateSession(Boolean.parseBoolean(param(query, "resumable")));
            case "heartbeat-request" -> shard.requestHeartbeat();
            case "ack" -> {
                if (Boolean.parseBoolean(required(query, "enabled"))) {
                    shard.resumeHeartbeatAcks();
                } else {
                    shard.stopHeartbeatAcks();
                }
            }
            case "drop" -> shard.dropConnection();
            case "close" -> shard.close(Integer.parseInt(required(query, "code")));
            case "outage" -> {
                String guild = required(query, "guild");
                if ("end".equals(param(query, "state"))) {
                    shard.endOutage(guild);
                } else {
                    shard.startOutage(guild);
                }
            }
            default ->
                throw new IllegalArgumentException("unknown shard verb '" + verb
                        + "'; use reconnect, invalidate, heartbeat-request, ack, drop, close, emit or outage");
        }
    }

    private static void accepted(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpReplies.json(
                ctx,
                request,
                HttpResponseStatus.ACCEPTED,
                "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String required(QueryStringDecoder query, String name) {
        String value = param(query, name);
        if (value == null) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required");
        }
        return value;
    }

    private static @Nullable String param(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
