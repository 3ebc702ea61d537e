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
            chunker.guildCreated(0, "g" + guild, true);
        }
        chunker.guildCreated(1, "h", true);
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
}
