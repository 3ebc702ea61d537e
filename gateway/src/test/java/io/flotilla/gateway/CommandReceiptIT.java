package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.CommandRecord;
import io.flotilla.fake.ConnectionEnd;
import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.GatewayCommand;
import io.flotilla.testkit.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A command's future completes only once Discord provably read it: after the ACK of a later heartbeat (the receipt
 * beat), not on the socket write. Through a loopback proxy that silently stops forwarding the shard's bytes (the
 * connection stays open, like a network path cut without a reset), a command written into the dead connection
 * fails once the shard finds the zombie, and after the RESUME (on the resume URL, past the proxy) it goes out
 * again and reaches the fake once. Before the receipts the first future completed on the write and the command was
 * lost. Commands read by the fake whose ACKs are held back are proven by the fake's answer to the hand-off's close.
 */
class CommandReceiptIT {
    private static final Duration PROOF = Duration.ofSeconds(5);

    @Test
    void aCommandIsDoneOnceAReceiptBeatIsAcked() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.ready(0);
            long start = System.nanoTime();
            shard.send(presence(101)).get(PROOF.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(marked(h, 101))
                    .as("the fake read it before the ACK that proved it")
                    .hasSize(1);
            // The receipt beat goes out at once: the proof needs a round trip, not the timer's next beat.
            assertThat(took).isLessThan(PROOF);
        }
    }

    @Test
    void aCommandWrittenIntoASilentlyDeadConnectionFailsAndGoesOutAfterTheResume() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness();
                FaultProxy proxy = FaultProxy.to("127.0.0.1", h.fake.port())) {
            URI viaProxy = URI.create(
                    "ws://127.0.0.1:" + proxy.port() + h.fake.gatewayUrl().getRawPath());
            Shard shard = h.shard(ShardConfig.of(
                            new io.flotilla.gateway.Token(h.fake.config().token()),
                            new ShardId(0, h.fake.config().world().shardCount()),
                            new Intents(Intents.KNOWN),
                            viaProxy)
                    .withTimings(h.timings()));
            shard.start();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);
            shard.send(presence(201)).get(PROOF.toMillis(), TimeUnit.MILLISECONDS);

            proxy.hold(); // the shard's bytes stop reaching the fake; the sockets stay open
            CompletableFuture<Void> lost = shard.send(presence(202));
            await().atMost(FakeGatewayHarness.WAIT).until(lost::isDone);
            assertThat(lost).as("written into the dead connection, never read").isCompletedExceptionally();
            assertThat(failure(lost)).isNotInstanceOf(CommandQueueFullException.class);
            assertThat(marked(h, 202)).isEmpty();

            // The zombie closed the connection; the RESUME goes to the resume URL, which does not pass the proxy.
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().resumes().stream()
                            .anyMatch(r -> r.outcome().equals("RESUMED")));
            FakeGatewayHarness.awaitState(shard, ShardState.READY);
            shard.send(presence(202)).get(PROOF.toMillis(), TimeUnit.MILLISECONDS); // what the reader does
            assertThat(marked(h, 202)).hasSize(1);
        }
    }

    @Test
    void commandsWrittenJustBeforeAHandOffAreProvenByTheCloseEcho() throws Exception {
        // Beats 5 s apart: replies are held below, and a held ACK must not make the connection a zombie.
        try (FakeGatewayHarness h = new FakeGatewayHarness(
                        b -> b.heartbeatInterval(Duration.ofSeconds(5)).missedHeartbeatTimeout(Duration.ofSeconds(20)),
                        RecordingSink.unbounded());
                FaultProxy proxy = FaultProxy.to("127.0.0.1", h.fake.port())) {
            Shard shard = viaProxy(h, proxy);
            shard.send(presence(301)).get(PROOF.toMillis(), TimeUnit.MILLISECONDS);

            proxy.holdReplies(); // the fake reads what the shard sends; its ACKs (and its close) wait in the proxy
            List<CompletableFuture<Void>> sent = LongStream.rangeClosed(302, 310)
                    .mapToObj(marker -> shard.send(presence(marker)))
                    .toList();
            await().atMost(FakeGatewayHarness.WAIT).until(() -> marked(h, 310).size() == 1);
            assertThat(sent).as("read by the fake, but nothing proves it yet").noneMatch(CompletableFuture::isDone);

            CompletableFuture<StoredSession> handedOff = shard.handOff();
            // Polled often: the shard gives the echo 1 s (ShardConnection.ECHO_WAIT) before it drops the socket.
            await().atMost(FakeGatewayHarness.WAIT)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> h.fake.log().connections().get(0).end() == ConnectionEnd.CLIENT_CLOSED);
            proxy.releaseReplies(); // the held ACKs arrive after the shard's close (dropped), then the fake's echo
            handedOff.get(PROOF.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(PROOF.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(h.fake.log().connections().get(0).closeCode()).isEqualTo(ShardConnection.HAND_OFF_CLOSE);
        }
    }

    private static Shard viaProxy(FakeGatewayHarness h, FaultProxy proxy) {
        URI uri = URI.create(
                "ws://127.0.0.1:" + proxy.port() + h.fake.gatewayUrl().getRawPath());
        Shard shard = h.shard(ShardConfig.of(
                        new Token(h.fake.config().token()),
                        new ShardId(0, h.fake.config().world().shardCount()),
                        new Intents(Intents.KNOWN),
                        uri)
                .withTimings(h.timings()));
        shard.start();
        FakeGatewayHarness.awaitState(shard, ShardState.READY);
        return shard;
    }

    private static GatewayCommand presence(long marker) {
        return GatewayCommand.presence("online", false, marker, "[]");
    }

    private static List<CommandRecord> marked(FakeGatewayHarness h, long marker) {
        return h.fake.log().commands().stream()
                .filter(c -> c.data().contains("\"since\":" + marker))
                .toList();
    }

    private static Throwable failure(CompletableFuture<Void> future) {
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return java.util.Objects.requireNonNull(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
