package io.flotilla.fake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The verbs a test uses on one shard id (GATEWAY.md 13, "control actions"). Each acts on every live connection
 * whose session has this shard id at the moment the verb runs; they return at once (except {@link #emit}) and
 * their effects reach the sockets shortly after. Thread-safe; a cheap handle, get it from
 * {@link FakeDiscord#shard(int)}.
 */
public final class FakeShard {

    private static final Duration EMIT_TIMEOUT = Duration.ofSeconds(60);

    private final GatewayContext context;
    private final int shardId;

    FakeShard(GatewayContext context, int shardId) {
        this.context = context;
        this.shardId = shardId;
    }

    public int id() {
        return shardId;
    }

    /**
     * Generates {@code count} events now and produces them into every session of this shard id whose intents
     * cover them (sent to live connections, buffered for detached sessions). Returns once they are produced.
     * A shard with no available guild (none, or all in an outage) produces nothing.
     */
    public void emit(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("emit count must be >= 0, was " + count);
        }
        await(hubs().stream().map(hub -> hub.emit(count)).toList(), "emitting " + count + " events");
    }

    /**
     * Produces one MESSAGE_CREATE with {@code text} as its content, in an available guild of this shard, into
     * every session of this shard id (a user typing a command a bot answers). Returns once it is produced.
     */
    public void say(String text) {
        await(hubs().stream().map(hub -> hub.say(text)).toList(), "posting a message");
    }

    /** Waits for what the hubs of this shard id produce; a failure or a timeout names {@code what}. */
    private void await(List<CompletableFuture<Void>> pending, String what) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(EMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " on shard " + shardId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + " on shard " + shardId + " failed", e);
        }
    }

    /** op 7 Reconnect, then a close with 4000 after the configured delay if the client did not close. */
    public void sendReconnect() {
        each(ShardFaults::sendReconnect);
    }

    /** op 9: resumable keeps the session for the retention window, otherwise it is destroyed. */
    public void invalidateSession(boolean resumable) {
        each(faults -> faults.invalidateSession(resumable));
    }

    /** op 1 from the server: clients must heartbeat at once. */
    public void requestHeartbeat() {
        each(ShardFaults::requestHeartbeat);
    }

    /** Stop answering heartbeats (clients should see a zombie connection and resume). */
    public void stopHeartbeatAcks() {
        each(faults -> faults.acks(false));
    }

    public void resumeHeartbeatAcks() {
        each(faults -> faults.acks(true));
    }

    /** Cuts TCP without a close frame (an RST); sessions stay resumable. */
    public void dropConnection() {
        each(ShardFaults::dropConnection);
    }

    /** Closes with this code; sessions stay resumable (what the client does follows GATEWAY.md 5.6). */
    public void close(int code) {
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("close code must be within 1000-4999, was " + code);
        }
        each(faults -> faults.close(code));
    }

    /** GUILD_DELETE {id, unavailable: true} to the sessions of this shard. */
    public void startOutage(String guildId) {
        each(faults -> faults.startOutage(guildId));
    }

    /** Ends the outage: a GUILD_CREATE for the guild to the sessions of this shard. */
    public void endOutage(String guildId) {
        each(faults -> faults.endOutage(guildId));
    }

    private void each(Consumer<ShardFaults> verb) {
        for (ShardHub hub : hubs()) {
            verb.accept(hub.faults());
        }
    }

    private List<ShardHub> hubs() {
        return context.hubs().stream().filter(hub -> hub.key.id() == shardId).toList();
    }

    @Override
    public String toString() {
        return "FakeShard[" + shardId + "]";
    }
}
