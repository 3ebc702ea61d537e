package io.flotilla.fake;

import io.flotilla.fake.wire.CloseReason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * The only place the fake builds a close frame: the reason goes through {@link CloseReason#fit} so the frame
 * stays a valid control frame (a test keeps every other {@code new CloseWebSocketFrame} out of the sources).
 * Stateless; call it on the channel's event loop.
 */
final class CloseFrames {

    private CloseFrames() {}

    /** Writes a close frame with this code and the fitted reason, then closes the channel. */
    @SuppressWarnings("FutureReturnValueIgnored") // a failed write closes the channel all the same
    static void closeWith(Channel channel, int code, String reason) {
        channel.writeAndFlush(frame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    static CloseWebSocketFrame frame(int code, String reason) {
        return new CloseWebSocketFrame(code, CloseReason.fit(reason));
    }
}
