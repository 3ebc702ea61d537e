package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.gateway.policy.SendBudget;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.compress.TransportInflater;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of a shard: inflates and decodes its messages, owns its heartbeat, holds its send budget
 * and remembers how it ended as one {@link ConnectionEnd} (the server's close code, or what the shard planned when
 * it closed on purpose). A fresh one per connection, so the inflate context is never reused (GATEWAY.md section 14 item 8).
 * Runs entirely on the shard's event loop; not thread-safe.
 */
// Writes, closes and timers are fire-and-forget here: a failed write or close shows up as channelInactive or
// exceptionCaught, which decide what happens next; nothing waits on those futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class ShardConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ShardConnection.class);
    private static final byte[] EMPTY = new byte[0];
    private static final Duration MIN_SEND_MARGIN = Duration.ofMillis(500);
    /** Private resumable close code for closes the shard decides (zombie, op 7, op 9): not 1000/1001. */
    static final int RECONNECT_CLOSE = 4900;
    /** Private resumable close code for a hand-off to another node (section 5.8). */
    static final int HAND_OFF_CLOSE = 4901;

    private final ConnectionEvents driver;
    private final TransportInflater inflater;
    private final EnvelopeDecoder decoder;
    private final int commandLimit;
    private final Duration sendWindow;
    private final Duration helloTimeout;
    private @Nullable Channel channel;
    private final ConnectionHeartbeat heartbeat;
    private @Nullable SendBudget budget;
    private byte[] scratch = EMPTY;
    private int closeCode = -1;
    private @Nullable ConnectionEnd planned;
    private String dropReason = "connection dropped without a close frame (1006)";
    private boolean reachedServer;

    ShardConnection(ConnectionEvents driver, ShardConfig config, EnvelopeDecoder decoder, InstantSource clock) {
        this.driver = driver;
        this.decoder = decoder;
        this.inflater = config.compression().newInflater();
        this.heartbeat = new ConnectionHeartbeat(this, driver, clock);
        this.commandLimit = config.timings().commandsPerWindow();
        this.sendWindow = config.timings().sendWindow();
        this.helloTimeout = config.timings().connectTimeout();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            dropReason = "WebSocket handshake timed out";
            ctx.close();
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            // HELLO comes "right after the socket opens" (GATEWAY.md 5.1); a server that never sends it must not
            // leave the shard waiting forever.
            ctx.executor().schedule(this::checkHello, helloTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireUserEventTriggered(event);
    }

    private void checkHello() {
        if (!heartbeat.started()) {
            LOG.warn("shard {} got no HELLO within {} ms; reconnecting", driver.shardId(), helloTimeout.toMillis());
            closeWith(RECONNECT_CLOSE, ConnectionEnd.dropped("no HELLO within " + helloTimeout.toMillis() + " ms"));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                onMessage(((io.netty.buffer.ByteBufHolder) msg).content());
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                LOG.debug("shard {} got close {} '{}'", driver.shardId(), closeCode, close.reasonText());
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onMessage(ByteBuf content) {
        int length = content.readableBytes();
        byte[] bytes;
        int offset;
        if (content.hasArray()) {
            bytes = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 4096)];
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
            bytes = scratch;
            offset = 0;
        }
        int payload = inflater.feed(bytes, offset, length);
        if (scratch.length > 64 * 1024) {
            scratch = EMPTY;
        }
        if (payload >= 0) {
            Envelope envelope = decoder.decode(inflater.output(), 0, payload);
            reachedServer = true;
            driver.onPayload(this, envelope);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        heartbeat.stop();
        inflater.close();
        driver.onClosed(this, end());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("shard {} connection error; reconnecting to resume", driver.shardId(), cause);
        String why = "connection error: " + cause.getMessage();
        if (channel == null || !heartbeat.started()) {
            dropReason = why;
            ctx.close();
        } else {
            closeWith(RECONNECT_CLOSE, ConnectionEnd.planned(why, Recovery.RESUME, null, null));
        }
    }

    /** Starts heartbeating after HELLO. */
    void startHeartbeat(Duration interval, double jitter) {
        Channel ch = channel;
        if (ch != null) {
            heartbeat.start(ch.eventLoop(), interval, jitter);
        }
    }

    void heartbeatNow() {
        heartbeat.beatNow();
    }

    void ackReceived() {
        heartbeat.ackReceived();
    }

    /** True once the shard decided to close this connection. */
    boolean closing() {
        return planned != null;
    }

    /** True once the server sent a payload on this connection (HELLO, or op 7/9 before it). */
    boolean reachedServer() {
        return reachedServer;
    }

    /** Sends a control payload (heartbeat, identify, resume); these bypass the command budget. */
    @Nullable
    ChannelFuture send(byte[] json) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return null;
        }
        return ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(json)));
    }

    /** The command budget of this connection (created on first use: idle shards never need it). */
    SendBudget budget() {
        SendBudget b = budget;
        if (b == null) {
            // Longer than Discord's window by 5 %, at least 500 ms: the server times arrivals, we time departures,
            // and a burst that left one window apart can arrive closer together when the first burst's frames were
            // read late (a loaded server; CommandBurstIT tripped a 1 s window's 50 ms margin on a loaded machine).
            Duration margin = sendWindow.dividedBy(20);
            b = new SendBudget(
                    commandLimit, sendWindow.plus(margin.compareTo(MIN_SEND_MARGIN) < 0 ? MIN_SEND_MARGIN : margin));
            budget = b;
        }
        return b;
    }

    /** Closes on purpose with {@code code} and remembers what the shard should do next. */
    void closeWith(int code, ConnectionEnd then) {
        Channel ch = channel;
        if (planned != null || ch == null) {
            return;
        }
        planned = then;
        // The reason goes into a control frame: at most 123 bytes.
        String reason = then.reason().length() > 60 ? then.reason().substring(0, 60) : then.reason();
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes for good (shutdown 1000, hand-off): recorded as STOP so the close is not taken for a drop. */
    void closeForGood(int code, String reason) {
        closeWith(code, ConnectionEnd.planned(reason, Recovery.STOP, null, null));
    }

    void pauseReading() {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(false);
            heartbeat.readingPaused();
        }
    }

    boolean readingPaused() {
        Channel ch = channel;
        return ch != null && !ch.config().isAutoRead();
    }

    void resumeReading() {
        Channel ch = channel;
        if (ch != null && !ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
    }

    /** How this connection ended: the shard's plan, else the server's close code, else a drop. */
    ConnectionEnd end() {
        ConnectionEnd plan = planned;
        if (plan != null) {
            return plan;
        }
        return closeCode > 0 ? ConnectionEnd.closedByServer(closeCode) : ConnectionEnd.dropped(dropReason);
    }

    /** True while the socket is open. */
    boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }
}
