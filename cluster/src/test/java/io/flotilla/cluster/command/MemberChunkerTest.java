package io.flotilla.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MemberChunkerTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final List<Command> sent = new CopyOnWriteArrayList<>();
    private final MemberChunker chunker = new MemberChunker(
            command -> {
                sent.add(command);
                return CompletableFuture.completedFuture(null);
            },
            clock,
            2,
            Duration.ofSeconds(60));

    @Test
    void requestsAllMembersOfLargeGuildsOnly() {
        chunker.guildCreated(0, "10", true);
        chunker.guildCreated(0, "11", false);
        chunker.tick();

        assertThat(sent).singleElement().satisfies(command -> {
            assertThat(command.shard()).isZero();
            assertThat(command.op()).isEqualTo(8);
            assertThat(command.payloadText())
                    .isEqualTo("{\"op\":8,\"d\":{\"guild_id\":\"10\",\"query\":\"\",\"limit\":0,\"nonce\":\"c10\"}}");
        });
    }

    @Test
    void staysWithinItsShareOfEachShardsSendBudget() {
        for (int guild = 1; guild <= 5; guild++) {
            chunker.guildCreated(0, Integer.toString(100 + guild), true);
        }
        chunker.guildCreated(1, "200", true);
        chunker.tick();
        assertThat(sent).extracting(Command::shard).containsExactlyInAnyOrder(0, 0, 1);

        now = now.plusSeconds(59);
        chunker.tick();
        assertThat(sent).hasSize(3);

        now = now.plusSeconds(1);
        chunker.tick();
        assertThat(sent).hasSize(5);
        assertThat(chunker.waiting()).isEqualTo(1);
    }

    @Test
    void aGuildQueuedTwiceIsRequestedOnce() {
        chunker.guildCreated(0, "10", true);
        chunker.guildCreated(0, "10", true);
        chunker.tick();
        assertThat(sent).hasSize(1);
    }

    @Test
    void aRefusedRequestIsSentAgainAfterRetryAfterAndNotEarlier() {
        chunker.guildCreated(0, "10", true);
        chunker.tick();
        assertThat(sent).hasSize(1);

        // GATEWAY.md section 6's dispatch, for the request this chunker just sent.
        now = now.plusSeconds(1);
        chunker.rateLimited(
                0,
                RateLimited.parse(
                        "{\"opcode\":8,\"retry_after\":41.5,\"meta\":{\"guild_id\":\"10\",\"nonce\":\"c10\"}}"));
        assertThat(chunker.waiting()).isOne();

        now = now.plusMillis(41_499);
        chunker.tick();
        assertThat(sent).as("retry_after has not passed yet").hasSize(1);

        now = now.plusMillis(1);
        chunker.tick();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).payloadText()).isEqualTo(sent.get(0).payloadText());
        assertThat(chunker.waiting()).isZero();
    }

    @Test
    void aShortRetryAfterStillWaitsThirtySecondsSinceTheLastRequest() {
        chunker.guildCreated(0, "10", true);
        chunker.tick();
        now = now.plusSeconds(2);
        chunker.rateLimited(
                0,
                RateLimited.parse(
                        "{\"opcode\":8,\"retry_after\":0.5,\"meta\":{\"guild_id\":\"10\",\"nonce\":\"c10\"}}"));

        now = now.plusSeconds(27);
        chunker.tick();
        assertThat(sent).as("29 s after the first request").hasSize(1);
        now = now.plusSeconds(1);
        chunker.tick();
        assertThat(sent).hasSize(2);
    }

    @Test
    void neverRequestsAGuildTwiceWithinThirtySeconds() {
        chunker.guildCreated(0, "10", true);
        chunker.tick();
        now = now.plusSeconds(10);
        chunker.guildCreated(0, "10", true); // the guild became available again (an outage, a resume)
        chunker.tick();
        assertThat(sent).hasSize(1);

        now = now.plusSeconds(19);
        chunker.tick();
        assertThat(sent).hasSize(1);
        now = now.plusSeconds(1);
        chunker.tick();
        assertThat(sent).hasSize(2);
    }

    @Test
    void ignoresRefusalsOfRequestsItDidNotSend() {
        chunker.guildCreated(0, "10", true);
        chunker.tick();
        // A worker's own op 8 for the same guild: its nonce, not ours; the worker sees the dispatch itself.
        chunker.rateLimited(
                0,
                RateLimited.parse("{\"opcode\":8,\"retry_after\":1,\"meta\":{\"guild_id\":\"10\",\"nonce\":\"w1\"}}"));
        chunker.rateLimited(0, RateLimited.parse("{\"opcode\":8,\"retry_after\":1,\"meta\":{\"guild_id\":\"10\"}}"));
        now = now.plusSeconds(120);
        chunker.tick();
        assertThat(sent).hasSize(1);
        assertThat(chunker.waiting()).isZero();
    }
}
