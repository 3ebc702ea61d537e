package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.gateway.policy.SendBudget;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of a shard: decodes its messages ({@link InboundMessages}), owns its heartbeat and the
 * receipts of the commands it wrote ({@link CommandReceipts}), holds its send budget and remembers how it ended as
 * one {@link ConnectionEnd} (the server's close code, or what the shard planned when it closed on purpose). A fresh
 * one per connection. Runs entirely on the shard's event loop; not thread-safe.
 */
// Writes, closes and timers are fire-and-forget here: a failed write or close shows up as channelInactive or
// exceptionCaught, which decide what happens next; nothing waits on those futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class ShardConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ShardConnection.class);
    /** Private resumable close code for closes the shard decides (zombie, op 7, op 9): not 1000/1001. */
    static final int RECONNECT_CLOSE = 4900;
    /** Private resumable close code for a hand-off to another node (section 5.8). */
    static final int HAND_OFF_CLOSE = 4901;
    /** How long a planned close waits for the server's answering close frame, the proof it read our commands. */
    static final Duration ECHO_WAIT = Duration.ofSeconds(1);

    private final ConnectionEvents driver;
    private final InboundMessages messages;
    private final ShardTimings timings;
    private @Nullable Channel channel;
    private final ConnectionHeartbeat heartbeat;
    private @Nullable SendBudget budget;
    private int closeCode = -1;
    private int sentClose = -1;
    private @Nullable ConnectionEnd planned;
    private String dropReason = "connection dropped without a close frame (1006)";
    private boolean reachedServer;

    ShardConnection(ConnectionEvents driver, ShardConfig config, EnvelopeDecoder decoder, InstantSource clock) {
        this.driver = driver;
        this.messages = new InboundMessages(config.compression().newInflater(), decoder);
        this.heartbeat =
                new ConnectionHeartbeat(this, driver, clock, config.timings().receiptInterval());
        this.timings = config.timings();
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
            ctx.executor().schedule(this::checkHello, timings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireUserEventTriggered(event);
    }

    private void checkHello() {
        long timeout = timings.connectTimeout().toMillis();
        if (!heartbeat.started()) {
            LOG.warn("shard {} got no HELLO within {} ms; reconnecting", driver.shardId(), timeout);
            closeWith(RECONNECT_CLOSE, ConnectionEnd.dropped("no HELLO within " + timeout + " ms"));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if ((msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) && planned == null) {
                Envelope envelope = messages.next(((io.netty.buffer.ByteBufHolder) msg).content());
                if (envelope != null) {
                    reachedServer = true;
                    driver.onPayload(this, envelope);
                }
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                LOG.debug("shard {} got close {} '{}'", driver.shardId(), closeCode, close.reasonText());
                // Our code echoed: the answer to our close, so it read all we wrote before. A close of the server's
                // own that crossed ours proves nothing (it may have stopped reading when it sent it).
                if (planned != null && closeCode == sentClose) {
                    heartbeat.receipts().closeEchoed();
                }
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        heartbeat.stop();
        messages.close();
        heartbeat.connectionEnded(end().reason());
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

    /** A command went out (see {@link CommandReceipts}): its future completes once Discord provably read it. */
    void commandWritten(CompletableFuture<Void> done) {
        heartbeat.commandWritten(done);
    }

    /** Sends a payload (commands spend the budget first); null once closing: nothing may follow our close. */
    @Nullable
    ChannelFuture send(byte[] json) {
        Channel ch = channel;
        if (ch == null || !ch.isActive() || planned != null) {
            return null;
        }
        return ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(json)));
    }

    /** The command budget of this connection (created on first use: idle shards never need it). */
    SendBudget budget() {
        SendBudget b = budget;
        if (b == null) {
            b = SendBudget.withMargin(timings.commandSlots(), timings.sendWindow());
            budget = b;
        }
        return b;
    }

    /** Closes on purpose with {@code code} at once (a zombie, an error) and remembers what the shard does next. */
    void closeWith(int code, ConnectionEnd then) {
        close(code, then, false);
    }

    /**
     * A planned close (op 7, a hand-off, a stop): like {@link #closeWith}, but waits up to {@link #ECHO_WAIT} for
     * the server's answering close frame, which proves it read every command written before. Reading resumes for
     * it (a hand-off paused it); what arrives meanwhile is dropped: past the committed seq, the RESUME replays it.
     */
    void closeAfterEcho(int code, ConnectionEnd then) {
        close(code, then, heartbeat.started());
    }

    private void close(int code, ConnectionEnd then, boolean awaitEcho) {
        Channel ch = channel;
        if (planned != null || ch == null) {
            return;
        }
        planned = then;
        sentClose = code;
        // The reason goes into a control frame: at most 123 bytes.
        String reason = then.reason().length() > 60 ? then.reason().substring(0, 60) : then.reason();
        ChannelFuture written = ch.writeAndFlush(new CloseWebSocketFrame(code, reason));
        if (!awaitEcho) {
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        written.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ch.config().setAutoRead(true);
        ch.eventLoop().schedule(() -> ch.close(), ECHO_WAIT.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes for good (shutdown 1000, hand-off): recorded as STOP so the close is not taken for a drop. */
    void closeForGood(int code, String reason) {
        closeAfterEcho(code, ConnectionEnd.planned(reason, Recovery.STOP, null, null));
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
