package io.flotilla.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CommandsInHandTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void noEntryOfAShardIsTakenOnceItIsDroppedAndNoneIsTakenTwice() {
        CommandsInHand inHand = new CommandsInHand();
        assertThat(inHand.take(1, "1-0")).as("not assigned yet").isNull();
        inHand.assign(Set.of(1));
        CompletableFuture<Void> first = inHand.take(1, "1-0");
        assertThat(first).isNotNull();
        assertThat(inHand.take(1, "1-0")).as("read again from the start").isNull();
        inHand.assign(Set.of());
        assertThat(inHand.take(1, "2-0")).as("the shard is leaving").isNull();
        assertThat(inHand.count(1)).isEqualTo(1);
    }

    @Test
    void aHandOffWaitsForWhatWasTakenBeforeAndAnEntrySettledCanBeTakenAgain() {
        CommandsInHand inHand = new CommandsInHand();
        inHand.assign(Set.of(1));
        CompletableFuture<Void> taken = Objects.requireNonNull(inHand.take(1, "1-0"));
        CompletableFuture<Void> settled =
                inHand.settled(1, Duration.ofMinutes(5)).toCompletableFuture();
        assertThat(settled).isNotDone();
        inHand.settle(1, "1-0", taken);
        assertThat(settled).isDone();
        assertThat(inHand.count(1)).isZero();
        assertThat(inHand.take(1, "1-0")).as("left in its stream, read again").isNotNull();
        assertThat(inHand.settled(2, Duration.ofMinutes(5)).toCompletableFuture())
                .as("nothing in hand")
                .isDone();
    }

    @Test
    void aRewindIsDueOnceAtItsTimeAndOnlyWhileTheShardRunsHere() {
        CommandsInHand inHand = new CommandsInHand();
        inHand.rewindLater(1, T0);
        assertThat(inHand.rewindsDue(T0))
                .as("not assigned: nothing to read again")
                .isEmpty();
        inHand.assign(Set.of(1, 2));
        inHand.rewindLater(1, T0.plusSeconds(1));
        inHand.rewindLater(1, T0.plusSeconds(9)); // one pending rewind per shard is enough
        inHand.rewindLater(2, T0.plusSeconds(1));
        assertThat(inHand.rewindsDue(T0)).isEmpty();
        inHand.assign(Set.of(1));
        assertThat(inHand.rewindsDue(T0.plusSeconds(1))).containsExactly(1);
        assertThat(inHand.rewindsDue(T0.plusSeconds(2))).isEmpty();
    }
}
