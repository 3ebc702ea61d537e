package io.flotilla.node.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small HTTP/1.1 server on Netty's HTTP codec, on an event loop of its own with one thread (never the shards'
 * loops, so a slow scrape cannot delay a heartbeat, and a busy shard cannot stall a probe). Requests are answered by
 * {@link HttpRoutes}; a route that reads Redis completes asynchronously and the answer is written when it does.
 *
 * <p>Lifecycle: {@link #start} binds (or throws); {@link #close} stops accepting and closes the connections.
 * Thread-safe.
 */
public final class NodeHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHttpServer.class);
    /** Requests carry their arguments in the query; a larger body is refused (413). */
    private static final int MAX_BODY = 16 * 1024;

    private final EventLoopGroup loop;
    private final Channel channel;

    private NodeHttpServer(EventLoopGroup loop, Channel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} ({@code port} 0: any free port) and serves {@code routes}.
     *
     * @throws IllegalStateException naming the address when it cannot be bound (taken, not local)
     */
    public static NodeHttpServer start(String host, int port, HttpRoutes routes) {
        ThreadFactory threads = runnable ->
                Thread.ofPlatform().name("flotilla-http").daemon(true).unstarted(runnable);
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel child) {
                            child.pipeline()
                                    .addLast("codec", new HttpServerCodec())
                                    .addLast("aggregator", new HttpObjectAggregator(MAX_BODY))
                                    .addLast("routes", new RouteHandler(routes));
                        }
                    })
                    .bind(host, port)
                    .syncUninterruptibly()
                    .channel();
            NodeHttpServer server = new NodeHttpServer(loop, channel);
            LOG.info(
                    "HTTP server listening on {}:{}",
                    server.address().getHostString(),
                    server.address().getPort());
            return server;
        } catch (RuntimeException e) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "the HTTP server cannot listen on " + host + ":" + port + " (" + e
                            + "); set HTTP_PORT to a free port, or 0 for any",
                    e);
        }
    }

    /** The bound address (with the real port when 0 was asked). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
