package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.wire.Compression;
import io.flotilla.fake.wire.PayloadWriter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Upgrades an HTTP request to a gateway WebSocket and checks its query (GATEWAY.md 1 and 13): {@code v} must be
 * 9 or 10 (else close 4012), {@code encoding} json (etf is not supported by the fake: close 4002 saying so),
 * {@code compress} none, zlib-stream or zstd-stream (else close 4002). Runs on the channel's event loop.
 */
// The handshake and close futures are not awaited: a failed write closes the channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class GatewayUpgrade {

    /** Client frames are checked against maxPayloadBytes by the fake itself, so Netty's own limit is generous. */
    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final GatewayContext context;

    GatewayUpgrade(GatewayContext context) {
        this.context = context;
    }

    void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) {
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .allowExtensions(false)
                .build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                        context.gatewayUrl + query.path(), null, decoderConfig)
                .newHandshaker(request);
        Channel channel = ctx.channel();
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return;
        }
        String version = param(query, "v");
        String encoding = param(query, "encoding");
        String compress = param(query, "compress");
        Optional<Compression> compression = Compression.fromQuery(compress);
        ConnectionInfo info = new ConnectionInfo(
                context.nextConnectionId(),
                query.path(),
                version,
                encoding,
                compress,
                compression.orElse(Compression.NONE),
                context.log.now());
        PayloadWriter writer = PayloadWriter.create(info.compression(), context.config.zlibSplitFrames());
        GatewayConnection connection = new GatewayConnection(context, info, writer, channel);
        // Added before the handshake so no frame a client sends right after the 101 can miss them.
        channel.pipeline().addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
        channel.pipeline().addLast("gateway", connection);
        ctx.pipeline().remove(ctx.handler());
        handshaker.handshake(channel, request).addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                channel.close();
                return;
            }
            CloseCode refusal = refusal(version, encoding, compression.isPresent());
            if (refusal == null) {
                connection.start();
            } else {
                connection.refuse(refusal, reason(refusal, version, encoding, compress));
            }
        });
    }

    private static @Nullable CloseCode refusal(
            @Nullable String version, @Nullable String encoding, boolean compressionKnown) {
        if (!"10".equals(version) && !"9".equals(version)) {
            return CloseCode.INVALID_API_VERSION;
        }
        if (encoding != null && !encoding.equals("json")) {
            return CloseCode.DECODE_ERROR;
        }
        return compressionKnown ? null : CloseCode.DECODE_ERROR;
    }

    private static String reason(
            CloseCode code, @Nullable String version, @Nullable String encoding, @Nullable String compress) {
        if (code == CloseCode.INVALID_API_VERSION) {
            return "unsupported gateway version v=" + version + "; use v=10 or v=9";
        }
        if (encoding != null && !encoding.equals("json")) {
            return "encoding=" + encoding + " is not supported by the fake; use encoding=json";
        }
        return "unknown compress=" + compress + "; use zlib-stream, zstd-stream or leave it out";
    }

    private static @Nullable String param(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
