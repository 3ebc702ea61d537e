package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.policy.FakeClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CommandReceiptsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private final FakeClock clock = new FakeClock();
    private final CommandReceipts receipts = new CommandReceipts(INTERVAL);

    @Test
    void theAckOfABeatWrittenBeforeTheCommandProvesNothing() {
        receipts.beatWritten(); // the timer's beat, its ACK still on the way
        CompletableFuture<Void> command = new CompletableFuture<>();
        receipts.written(command);
        receipts.ackReceived(); // answers the beat written before the command
        assertThat(command).isNotDone();
        receipts.receiptBeatWritten(clock.instant());
        receipts.ackReceived();
        assertThat(command).isCompleted();
        assertThat(receipts.unproven()).isZero();
    }

    @Test
    void oneAckProvesEveryCommandWrittenBeforeItsBeatOnly() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> late = new CompletableFuture<>();
        receipts.written(first);
        receipts.written(second);
        receipts.receiptBeatWritten(clock.instant());
        receipts.written(late);
        receipts.ackReceived();
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(late).isNotDone();
    }

    @Test
    void anAckNoBeatAsksForProvesNothingLater() {
        receipts.ackReceived(); // stray: no beat written
        CompletableFuture<Void> command = new CompletableFuture<>();
        receipts.written(command);
        receipts.beatWritten();
        assertThat(command).isNotDone();
        receipts.ackReceived();
        assertThat(command).isCompleted();
    }

    @Test
    void aReceiptBeatIsWantedAtOnceThenAtMostOncePerInterval() {
        assertThat(receipts.receiptBeatIn(clock.instant()))
                .as("nothing to prove")
                .isNull();
        receipts.written(new CompletableFuture<>());
        assertThat(receipts.receiptBeatIn(clock.instant())).isZero();
        receipts.receiptBeatWritten(clock.instant());
        assertThat(receipts.receiptBeatIn(clock.instant()))
                .as("a beat after the newest command is on its way")
                .isNull();
        receipts.ackReceived();
        clock.advance(Duration.ofSeconds(1));
        receipts.written(new CompletableFuture<>());
        assertThat(receipts.receiptBeatIn(clock.instant())).isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(6));
        assertThat(receipts.receiptBeatIn(clock.instant())).isZero();
    }

    @Test
    void theTimersBeatAfterACommandMakesAReceiptBeatNeedless() {
        receipts.written(new CompletableFuture<>());
        receipts.beatWritten();
        assertThat(receipts.receiptBeatIn(clock.instant())).isNull();
    }

    @Test
    void theServersAnswerToOurCloseProvesEverything() {
        CompletableFuture<Void> command = new CompletableFuture<>();
        receipts.written(command);
        receipts.closeEchoed();
        assertThat(command).isCompleted();
    }

    @Test
    void aConnectionEndingBeforeTheProofFailsWhatIsUnprovenOnly() {
        CompletableFuture<Void> proven = new CompletableFuture<>();
        CompletableFuture<Void> unproven = new CompletableFuture<>();
        receipts.written(proven);
        receipts.receiptBeatWritten(clock.instant());
        receipts.written(unproven);
        receipts.ackReceived();
        receipts.connectionEnded("zombie: no heartbeat ACK");
        assertThat(proven).isCompleted();
        assertThat(unproven)
                .isCompletedExceptionally()
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class)
                .withMessageContaining("zombie");
        assertThat(receipts.unproven()).isZero();
    }
}
