package io.flotilla.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The commands one connection wrote whose reading by Discord is not yet proven, and when to ask for the proof. A
 * socket write proves nothing: a connection whose network path died silently still accepts bytes until it is
 * found a zombie. TCP delivers in order and Discord answers heartbeats in order, so the ACK of a beat written
 * after a command proves Discord read the command; so does the server's close frame answering ours (RFC 6455
 * section 5.5.1: it read all before it). A command's future completes only then; when the connection ends any
 * other way, its unproven commands fail (not refused): the reader leaves them in their stream, and whoever runs the
 * shard next sends them again. Proof comes with the timer's beats (every ~41 s) or sooner with a receipt beat: one
 * extra beat after commands went out, at most one per receipt interval ({@link ShardTimings#receiptInterval()},
 * whose slots the command budget leaves free).
 *
 * <p>Beats are counted, not matched: the n-th ACK answers the n-th beat. An ACK the server never sent (or a
 * skipped one) only makes the proof later, never earlier than the beat it answers: the count never passes the
 * beats written. One per connection, owned by its {@link ConnectionHeartbeat}; its event loop only.
 */
final class CommandReceipts {
    /** A command written after {@code beatsBefore} beats: the ACK of beat number {@code beatsBefore + 1} proves it. */
    private record Unproven(long beatsBefore, CompletableFuture<Void> done) {}

    private final ArrayDeque<Unproven> unproven = new ArrayDeque<>();
    private final Duration interval;
    private long beatsWritten;
    private long beatsAnswered;
    private @Nullable Instant lastReceiptBeat;

    CommandReceipts(Duration interval) {
        this.interval = interval;
    }

    /** A command was written into the socket, after every beat counted so far. */
    void written(CompletableFuture<Void> done) {
        unproven.add(new Unproven(beatsWritten, done));
    }

    /** A beat (the timer's, or one the server asked for) was written. */
    void beatWritten() {
        beatsWritten++;
    }

    /** A receipt beat was written at {@code now}. */
    void receiptBeatWritten(Instant now) {
        beatWritten();
        lastReceiptBeat = now;
    }

    /** An op 11 arrived: it answers the oldest unanswered beat and proves the commands written before it. */
    void ackReceived() {
        if (beatsAnswered < beatsWritten) {
            beatsAnswered++;
        }
        Unproven oldest;
        while ((oldest = unproven.peekFirst()) != null && oldest.beatsBefore() < beatsAnswered) {
            unproven.poll();
            oldest.done().complete(null);
        }
    }

    /**
     * When the next receipt beat is due: null when none is wanted (nothing unproven, or a beat written after the
     * newest unproven command is on its way), zero when due now, else the wait for the interval to pass.
     */
    @Nullable
    Duration receiptBeatIn(Instant now) {
        Unproven newest = unproven.peekLast();
        if (newest == null || newest.beatsBefore() < beatsWritten) {
            return null;
        }
        Instant last = lastReceiptBeat;
        if (last == null) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, last.plus(interval));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** The server answered our close frame: it read every command written before. */
    void closeEchoed() {
        Unproven next;
        while ((next = unproven.poll()) != null) {
            next.done().complete(null);
        }
    }

    /** The connection ended without proof for what is left: those commands fail and are sent again later. */
    void connectionEnded(String how) {
        Unproven next;
        while ((next = unproven.poll()) != null) {
            next.done()
                    .completeExceptionally(new IllegalStateException("command written, but the connection ended (" + how
                            + ") before Discord's reading of it was proven; to be sent again"));
        }
    }

    /** Commands written and not yet proven (tests). */
    int unproven() {
        return unproven.size();
    }
}
