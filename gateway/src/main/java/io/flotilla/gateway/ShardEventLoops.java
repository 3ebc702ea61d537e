package io.flotilla.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * Creates the event loop group that shards share. Shards open NIO channels, so the group must be NIO. One group
 * per node, sized to the cores, serves thousands of shards.
 */
public final class ShardEventLoops {
    private ShardEventLoops() {}

    public static EventLoopGroup create(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }
}
