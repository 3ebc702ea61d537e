package io.flotilla.gateway;

import io.flotilla.protocol.json.GatewayCommand;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The outbound commands of a shard waiting for the connection's send budget (GATEWAY.md sections 6 and 14 item
 * 9). Bounded: past its capacity {@link #enqueue} fails the command at once instead of buffering without limit.
 * Commands survive a reconnect and go out once the next session is READY; a written one is the connection's until
 * its receipt ({@link CommandReceipts}). Owned by one shard and used on its
 * event loop only.
 */
final class CommandQueue {
    private record Pending(GatewayCommand command, CompletableFuture<Void> done) {}

    private final ArrayDeque<Pending> queue = new ArrayDeque<>(4);
    private final int capacity;
    private final EventLoop loop;
    private final Runnable drainAgain;
    private @Nullable ScheduledFuture<?> drainTimer;

    CommandQueue(int capacity, EventLoop loop, Runnable drainAgain) {
        this.capacity = capacity;
        this.loop = loop;
        this.drainAgain = drainAgain;
    }

    void enqueue(GatewayCommand command, CompletableFuture<Void> done) {
        if (queue.size() >= capacity) {
            done.completeExceptionally(new CommandQueueFullException(capacity));
            return;
        }
        queue.add(new Pending(command, done));
    }

    /** Sends what the budget allows now, and schedules the rest for when a slot frees up. */
    void drain(ShardConnection connection, Instant now) {
        while (!queue.isEmpty()) {
            if (!connection.budget().tryAcquire(now)) {
                scheduleDrain(connection.budget().waitTime(now));
                return;
            }
            Pending next = queue.poll();
            ChannelFuture write = connection.send(next.command().json());
            if (write == null) {
                queue.addFirst(next);
                return;
            }
            // Written is not read: the future completes when the connection proves Discord read it.
            connection.commandWritten(next.done());
            write.addListener(f -> {
                if (!f.isSuccess()) {
                    next.done().completeExceptionally(f.cause());
                }
            });
        }
    }

    private void scheduleDrain(Duration wait) {
        if (drainTimer != null) {
            return;
        }
        drainTimer = loop.schedule(
                () -> {
                    drainTimer = null;
                    drainAgain.run();
                },
                Math.max(1, wait.toNanos()),
                TimeUnit.NANOSECONDS);
    }

    void failAll(String reason) {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.done().completeExceptionally(new IllegalStateException("command not sent: " + reason));
        }
        ScheduledFuture<?> timer = drainTimer;
        if (timer != null) {
            timer.cancel(false);
            drainTimer = null;
        }
    }

    int size() {
        return queue.size();
    }
}
