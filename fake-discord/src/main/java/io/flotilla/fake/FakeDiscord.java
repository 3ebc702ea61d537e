package io.flotilla.fake;

import io.flotilla.fake.world.World;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running fake Discord: REST ({@code /api/v10/...}), the gateway WebSocket ({@code /} and {@code /resume}) and
 * the control API ({@code /control/...}) on one port of 127.0.0.1 (or of {@link FakeDiscordConfig#host}), over a
 * simulated {@link World}.
 *
 * <pre>{@code
 * try (FakeDiscord fake = FakeDiscord.start(FakeDiscordConfig.builder().shardCount(4).build())) {
 *     URI api = fake.apiUrl();
 *     fake.shard(3).sendReconnect();
 *     assertThat(fake.log().resumes()).isNotEmpty();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Owns its Netty event loops (connections and shard hubs share them) and its chaos thread;
 * {@link #close()} stops them all.
 */
// Shutting the boss group down is not awaited: the worker group is, and the boss has no work left.
@SuppressWarnings("FutureReturnValueIgnored")
public final class FakeDiscord implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeDiscord.class);
    private static final int HTTP_MAX_BODY = 64 * 1024;

    private final FakeDiscordConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final GatewayContext context;
    private final Channel server;
    private final URI apiUrl;
    private final Chaos chaos;

    private FakeDiscord(FakeDiscordConfig config) throws InterruptedException {
        this.config = config;
        World world = World.generate(config.world());
        FakeLog log = new FakeLog(InstantSource.system(), config.recordDispatches());
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        ContextHolder holder = new ContextHolder();
        try {
            this.server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(
                            ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("http-aggregator", new HttpObjectAggregator(HTTP_MAX_BODY))
                                    .addLast("router", new HttpRouter(holder.context(), holder.control()));
                        }
                    })
                    .bind(new InetSocketAddress(config.host(), config.port()))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            shutdown(boss, workers);
            throw e;
        } catch (Exception e) {
            // Netty rethrows the bind's java.net.BindException (checked) undeclared; without the shutdown
            // above the event-loop threads would keep the JVM alive.
            shutdown(boss, workers);
            throw new IllegalStateException(
                    "fake-discord could not listen on " + config.urlHost() + ":" + config.port() + " (" + e.getMessage()
                            + "); is the port in use? Pick another port, or 0 for a free one",
                    e);
        }
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        String gatewayUrl = "ws://" + config.urlHost() + ":" + port;
        this.apiUrl = URI.create("http://" + config.urlHost() + ":" + port + "/api/v10");
        this.context = new GatewayContext(
                config, world, log, InstantSource.system(), workers, gatewayUrl, gatewayUrl + "/resume");
        for (int shard = 0; shard < config.world().shardCount(); shard++) {
            context.hub(new ShardKey(shard, config.world().shardCount()));
        }
        this.chaos = new Chaos(this);
        holder.set(context, new ControlApi(this));
    }

    /**
     * Starts a fake; it is listening when this returns.
     *
     * @throws IllegalStateException when the port cannot be bound (it names the port)
     */
    public static FakeDiscord start(FakeDiscordConfig config) {
        try {
            FakeDiscord fake = new FakeDiscord(config);
            LOG.info("fake-discord listening: REST {} gateway {} ({})", fake.apiUrl(), fake.gatewayUrl(), config);
            return fake;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fake Discord", e);
        }
    }

    /** Starts a fake, runs the body against it and closes it, even when the body throws. */
    public static void run(FakeDiscordConfig config, Consumer<FakeDiscord> body) {
        try (FakeDiscord fake = start(config)) {
            body.accept(fake);
        }
    }

    public FakeDiscordConfig config() {
        return config;
    }

    /** {@code http://HOST:PORT/api/v10}, HOST being {@link FakeDiscordConfig#host} (127.0.0.1 unless told). */
    public URI apiUrl() {
        return apiUrl;
    }

    /** {@code ws://HOST:PORT}: what {@code /gateway(/bot)} return; clients append the query. */
    public URI gatewayUrl() {
        return URI.create(context.gatewayUrl);
    }

    /** {@code ws://HOST:PORT/resume}: READY's {@code resume_gateway_url}. */
    public URI resumeGatewayUrl() {
        return URI.create(context.resumeUrl);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public World world() {
        return context.world;
    }

    public FakeLog log() {
        return context.log;
    }

    /** The verbs for shard id {@code shardId}. */
    public FakeShard shard(int shardId) {
        return new FakeShard(context, shardId);
    }

    /** Random faults (seeded) on random shards, about one per {@code meanInterval}; never fatal close codes. */
    public void chaos(Duration meanInterval, long seed) {
        chaos.start(meanInterval, seed, false);
    }

    /** Like {@link #chaos(Duration, long)}; with {@code fatal}, closes with fatal codes (4004, 4010-4014) too. */
    public void chaos(Duration meanInterval, long seed, boolean fatal) {
        chaos.start(meanInterval, seed, fatal);
    }

    /**
     * The next {@code connections} gateway connections get op 7 Reconnect instead of HELLO (GATEWAY.md 5.1 and
     * 13) and are closed with 4000 after {@link FakeDiscordConfig#reconnectCloseDelay()} unless the client
     * closes first. A connection has no shard before it identifies, so this is fake-wide.
     */
    public void reconnectBeforeHello(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("reconnectBeforeHello needs at least 1 connection, was " + connections);
        }
        context.reconnectBeforeHello(connections);
    }

    public void stopChaos() {
        chaos.stop();
    }

    /** How many chaos faults ran since the fake started. */
    public long chaosFaults() {
        return chaos.faults();
    }

    GatewayContext context() {
        return context;
    }

    @Override
    public void close() {
        chaos.stop();
        server.close().awaitUninterruptibly();
        shutdown(boss, workers);
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Lets the channel initializer, built before the port is known, reach the context made after it. */
    private static final class ContextHolder {
        private volatile @Nullable GatewayContext context;
        private volatile @Nullable ControlApi control;

        void set(GatewayContext value, ControlApi controlApi) {
            this.control = controlApi;
            this.context = value;
        }

        GatewayContext context() {
            GatewayContext value = context;
            if (value == null) {
                throw new IllegalStateException("fake-discord got a connection before it finished starting");
            }
            return value;
        }

        ControlApi control() {
            ControlApi value = control;
            if (value == null) {
                throw new IllegalStateException("fake-discord got a connection before it finished starting");
            }
            return value;
        }
    }
}
