package io.flotilla.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One raw gateway client for {@link FakeThroughput}: connects, identifies one shard and counts the dispatches
 * and wire bytes it receives. With zlib-stream it inflates every payload through one Inflater (as a real client
 * must) and counts the inflated payloads that are dispatches. Runs on its Netty event loop; the counters are
 * shared with the driver.
 */
// The identify write uses the void promise: a failed write closes the channel and the run shows no events.
@SuppressWarnings("FutureReturnValueIgnored")
final class ThroughputClient extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final byte[] DISPATCH_PREFIX = "{\"op\":0".getBytes(StandardCharsets.US_ASCII);

    private final String identify;
    private final boolean zlib;
    private final LongAdder dispatches;
    private final LongAdder wireBytes;
    private final Inflater inflater = new Inflater();
    private final byte[] inflated = new byte[256 * 1024];
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;

    private ThroughputClient(String identify, boolean zlib, LongAdder dispatches, LongAdder wireBytes) {
        this.identify = identify;
        this.zlib = zlib;
        this.dispatches = dispatches;
        this.wireBytes = wireBytes;
    }

    static Channel connect(
            EventLoopGroup group, URI gateway, boolean zlib, String identify, LongAdder dispatches, LongAdder wireBytes)
            throws InterruptedException {
        URI uri = URI.create(gateway + "/?v=10&encoding=json" + (zlib ? "&compress=zlib-stream" : ""));
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(16 * 1024 * 1024)
                // A real client would parse the JSON anyway; validating UTF-8 first only taxes the shared CPUs.
                .withUTF8Validator(false)
                .build();
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new WebSocketClientProtocolHandler(config))
                                .addLast(new WebSocketFrameAggregator(16 * 1024 * 1024))
                                .addLast(new ThroughputClient(identify, zlib, dispatches, wireBytes));
                    }
                })
                .connect(uri.getHost(), uri.getPort())
                .sync()
                .channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.writeAndFlush(new TextWebSocketFrame(identify), ctx.voidPromise());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws DataFormatException {
        ByteBuf content = frame.content();
        wireBytes.add(content.readableBytes());
        if (frame instanceof TextWebSocketFrame) {
            if (startsWithDispatch(content)) {
                dispatches.increment();
            }
        } else if (frame instanceof BinaryWebSocketFrame && zlib) {
            inflate(content);
        }
    }

    private void inflate(ByteBuf content) throws DataFormatException {
        int length = content.readableBytes();
        if (pendingLength + length > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        content.readBytes(pending, pendingLength, length);
        pendingLength += length;
        if (pendingLength < 4
                || pending[pendingLength - 4] != 0
                || pending[pendingLength - 3] != 0
                || pending[pendingLength - 2] != (byte) 0xff
                || pending[pendingLength - 1] != (byte) 0xff) {
            return;
        }
        inflater.setInput(pending, 0, pendingLength);
        int first = -1;
        int read;
        boolean dispatch = false;
        while ((read = inflater.inflate(inflated)) > 0) {
            if (first < 0) {
                first = read;
                dispatch = read >= DISPATCH_PREFIX.length && startsWithDispatch(inflated);
            }
        }
        pendingLength = 0;
        if (dispatch) {
            dispatches.increment();
        }
    }

    private static boolean startsWithDispatch(ByteBuf content) {
        if (content.readableBytes() < DISPATCH_PREFIX.length) {
            return false;
        }
        int start = content.readerIndex();
        for (int i = 0; i < DISPATCH_PREFIX.length; i++) {
            if (content.getByte(start + i) != DISPATCH_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithDispatch(byte[] bytes) {
        for (int i = 0; i < DISPATCH_PREFIX.length; i++) {
            if (bytes[i] != DISPATCH_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inflater.end();
        ctx.fireChannelInactive();
    }
}
