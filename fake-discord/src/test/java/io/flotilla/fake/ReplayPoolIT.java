package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The replay pool: after the first n events the generator is no longer called and the pool repeats. */
class ReplayPoolIT {

    private static final int POOL = 5;
    private static final int HANDSHAKE = 1 + 3; // READY and one GUILD_CREATE per guild of the shard

    @Test
    void eventsCycleThroughThePoolWithIncreasingSeqs() {
        FakeDiscordConfig config = FakeDiscordTests.fast().replayPool(POOL).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.identify(TOKEN, INTENTS, 0, 2);
            client.awaitDispatch("READY");

            fake.shard(0).emit(POOL * 3);

            String session =
                    Objects.requireNonNull(fake.log().identifies().get(0).sessionId());
            List<ProducedDispatch> produced = fake.log().sessionEvents(session);
            assertThat(produced).hasSize(HANDSHAKE + POOL * 3);
            List<ProducedDispatch> events = produced.subList(HANDSHAKE, produced.size());
            // The pool's events are distinct (generated ones), and then repeat with period POOL.
            assertThat(events.subList(0, POOL))
                    .extracting(p -> new String(p.dispatch().data(), StandardCharsets.UTF_8))
                    .doesNotHaveDuplicates();
            for (int i = POOL; i < events.size(); i++) {
                assertThat(events.get(i).dispatch().data())
                        .as("event %d repeats event %d", i, i - POOL)
                        .isEqualTo(events.get(i - POOL).dispatch().data());
                assertThat(events.get(i).type()).isEqualTo(events.get(i - POOL).type());
            }
            // On the wire: the same events in order, each with the session's next seq.
            List<JsonNode> wire = client.dispatches(HANDSHAKE - 1 + POOL * 3);
            List<JsonNode> cycled = wire.subList(HANDSHAKE - 1, wire.size());
            for (int i = 0; i < cycled.size(); i++) {
                assertThat(cycled.get(i).path("s").asLong()).isEqualTo(HANDSHAKE + i + 1);
                assertThat(cycled.get(i).path("t").asText())
                        .isEqualTo(events.get(i).type());
                if (i >= POOL) {
                    assertThat(cycled.get(i).path("d"))
                            .isEqualTo(cycled.get(i - POOL).path("d"));
                }
            }
        }
    }
}
