package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.json.IdentifyPayload;
import io.flotilla.protocol.json.PayloadWriter;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's wait for an identify slot from the {@link IdentifyGate} (GATEWAY.md section 8) and the IDENTIFY it
 * sends once granted, on the connection that asked, if that connection still wants it. Owned by one {@link
 * ShardDriver}; runs on its event loop.
 */
// The slot's whenComplete stage only hops back onto the loop, and the identify write is fire-and-forget (a failed
// write surfaces as a closed connection); nothing waits on those futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class IdentifySlot {
    private static final Logger LOG = LoggerFactory.getLogger(IdentifySlot.class);

    private final ShardConfig config;
    private final IdentifyGate gate;
    private final EventLoop loop;
    private @Nullable CompletableFuture<Void> pending;

    IdentifySlot(ShardConfig config, IdentifyGate gate, EventLoop loop) {
        this.config = config;
        this.gate = gate;
        this.loop = loop;
    }

    /** Asks for a slot; sends IDENTIFY on {@code conn} when granted while {@code stillWanted} holds. */
    void request(ShardConnection conn, BooleanSupplier stillWanted) {
        cancel();
        LOG.debug("shard {} asking the gate for an identify slot", config.shard());
        CompletableFuture<Void> slot = gate.acquire(config.shard());
        pending = slot;
        slot.whenComplete((ok, error) -> loop.execute(() -> granted(slot, conn, stillWanted, error)));
    }

    private void granted(
            CompletableFuture<Void> slot,
            ShardConnection conn,
            BooleanSupplier stillWanted,
            @Nullable Throwable error) {
        if (pending != slot) {
            return;
        }
        pending = null;
        if (!stillWanted.getAsBoolean()) {
            return;
        }
        if (error != null) {
            LOG.warn("shard {} identify gate failed; reconnecting", config.shard(), error);
            conn.closeWith(
                    ShardConnection.RECONNECT_CLOSE,
                    ConnectionEnd.planned("identify gate failed", Recovery.IDENTIFY, null, null));
            return;
        }
        LOG.debug("shard {} sending IDENTIFY", config.shard());
        conn.send(PayloadWriter.identify(new IdentifyPayload(
                config.token().value(),
                config.intents(),
                config.shard(),
                config.libraryName(),
                config.largeThreshold(),
                config.presenceJson())));
    }

    /** Gives up a pending request (the connection ended, or the shard stops). */
    void cancel() {
        CompletableFuture<Void> slot = pending;
        if (slot != null) {
            pending = null;
            slot.cancel(false);
        }
    }
}
