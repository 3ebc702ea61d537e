package io.flotilla.fake;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection on the fake's one port: WebSocket upgrades go to the gateway (on any
 * path, since clients use the {@code url} and {@code resume_gateway_url} paths as given, CLIENT-REQUIREMENTS
 * 0.2), {@code /api/...} to the REST API, {@code /control/...} to the control API, the rest is 404. One per
 * channel, on its event loop.
 */
// Response writes are fire-and-forget: a failed write closes the channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final GatewayContext context;
    private final ControlApi control;

    HttpRouter(GatewayContext context, ControlApi control) {
        this.context = context;
        this.control = control;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            new GatewayUpgrade(context).upgrade(ctx, request, query);
        } else if (RestApi.handles(path)) {
            new RestApi(context).handle(ctx, request, path);
        } else if (path.equals("/control") || path.startsWith("/control/")) {
            control.handle(ctx, request, query);
        } else {
            HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, "Not Found");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn(
                "fake-discord HTTP connection from {} failed; closing it",
                ctx.channel().remoteAddress(),
                cause);
        ctx.close();
    }
}
