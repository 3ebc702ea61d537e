package io.flotilla.fake;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The REST endpoints clients call (GATEWAY.md 1, CLIENT-REQUIREMENTS 0-2): {@code /gateway},
 * {@code /gateway/bot} and {@code /users/@me}, under {@code /api/v10}, {@code /api/v9} or {@code /api}.
 * Stateless apart from the shared identify budget; runs on any event loop.
 */
final class RestApi {

    private final GatewayContext context;

    RestApi(GatewayContext context) {
        this.context = context;
    }

    /** Whether the path belongs to the REST API. */
    static boolean handles(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String route = route(path);
        if (!request.method().equals(HttpMethod.GET)) {
            HttpReplies.error(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
            return;
        }
        switch (route) {
            case "/gateway" ->
                HttpReplies.json(ctx, request, HttpResponseStatus.OK, Payloads.gateway(context.gatewayUrl));
            case "/gateway/bot" -> {
                if (authorized(ctx, request)) {
                    byte[] body = Payloads.gatewayBot(
                            context.gatewayUrl, context.config.world().shardCount(), context.identifyGate.budget());
                    HttpReplies.json(ctx, request, HttpResponseStatus.OK, body);
                }
            }
            case "/users/@me" -> {
                if (authorized(ctx, request)) {
                    HttpReplies.json(ctx, request, HttpResponseStatus.OK, context.world.botUserJson());
                }
            }
            default -> HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, "Not Found");
        }
    }

    private boolean authorized(ChannelHandlerContext ctx, FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null && header.equals("Bot " + context.config.token())) {
            return true;
        }
        HttpReplies.error(ctx, request, HttpResponseStatus.UNAUTHORIZED, "Unauthorized");
        return false;
    }

    /** The path without the API prefix and version: {@code /api/v10/gateway/bot} is {@code /gateway/bot}. */
    static String route(String path) {
        String rest = path.substring("/api".length());
        if (rest.startsWith("/v10/") || rest.startsWith("/v9/")) {
            rest = rest.substring(rest.indexOf('/', 1));
        }
        if (rest.endsWith("/") && rest.length() > 1) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest;
    }
}
