package io.flotilla.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Opens one WebSocket connection for a shard on the shard's own event loop: TCP, optional TLS, the HTTP upgrade,
 * then the {@link ShardConnection} handler. The pipeline holds no per-connection buffers while idle. Stateless
 * apart from the lazily built, shared TLS context; safe from any thread.
 */
final class GatewayDialer {
    /** Discord's GUILD_CREATE payloads can be several MB uncompressed. */
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private static volatile @Nullable SslContext tls;

    private GatewayDialer() {}

    static ChannelFuture dial(EventLoop loop, URI uri, Duration timeout, ShardConnection handler) {
        boolean secure = "wss".equals(uri.getScheme());
        String host = uri.getHost();
        int port = GatewayUrls.port(uri);
        WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_MESSAGE)
                // We read close codes ourselves and never want Netty to send an implicit 1000: that would end
                // the session (GATEWAY.md section 14 item 5).
                .handleCloseFrames(false)
                .sendCloseFrame(null)
                .dropPongFrames(true)
                .withUTF8Validator(false)
                .handshakeTimeoutMillis(timeout.toMillis())
                .build();
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) throws SSLException {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (secure) {
                            pipeline.addLast(tlsContext().newHandler(channel.alloc(), host, port));
                        }
                        pipeline.addLast(new HttpClientCodec());
                        pipeline.addLast(new HttpObjectAggregator(16 * 1024));
                        pipeline.addLast(new WebSocketClientProtocolHandler(ws));
                        pipeline.addLast(new WebSocketFrameAggregator(MAX_MESSAGE));
                        pipeline.addLast(handler);
                    }
                })
                .connect(host, port);
    }

    private static SslContext tlsContext() throws SSLException {
        SslContext context = tls;
        if (context == null) {
            context = SslContextBuilder.forClient().build();
            tls = context;
        }
        return context;
    }
}
