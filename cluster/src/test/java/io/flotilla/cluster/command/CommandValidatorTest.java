package io.flotilla.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandValidatorTest {
    // With 4 shards, guild (1 << 22) * 5 routes to shard 1 and (1 << 22) * 6 to shard 2.
    private static final String GUILD_ON_1 = Long.toString((1L << 22) * 5);
    private static final String GUILD_ON_2 = Long.toString((1L << 22) * 6);

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    // An entry written just now, as the reader sees most commands.
    private static final String FRESH_ID = NOW.toEpochMilli() + "-0";

    private final CommandValidator validator =
            new CommandValidator(new ObjectMapper(), 4, InstantSource.fixed(NOW), Duration.ofSeconds(60));

    @Test
    void acceptsEachKnownOpOfTheRightShape() {
        assertAccepted(
                3, "{\"since\":null,\"activities\":[{\"name\":\"x\",\"type\":0}],\"status\":\"online\",\"afk\":false}");
        assertAccepted(
                4, "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"channel_id\":null,\"self_mute\":false,\"self_deaf\":true}");
        assertAccepted(8, "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"query\":\"\",\"limit\":0,\"nonce\":\"n\"}");
        assertAccepted(8, "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"user_ids\":[\"1\",\"2\"]}");
        assertAccepted(31, "{\"guild_ids\":[\"" + GUILD_ON_1 + "\"]}");
    }

    @Test
    void theAcceptedPayloadWrapsOpAndData() {
        Verdict verdict =
                validator.validate(1, FRESH_ID, Map.of("op", "31", "d", "{\"guild_ids\":[\"" + GUILD_ON_1 + "\"]}"));
        assertThat(verdict)
                .isInstanceOfSatisfying(
                        Verdict.Accepted.class,
                        accepted -> assertThat(accepted.command().payloadText())
                                .isEqualTo("{\"op\":31,\"d\":{\"guild_ids\":[\"" + GUILD_ON_1 + "\"]}}"));
    }

    @Test
    void rejectsUnknownOrMissingOps() {
        assertRejected(Map.of("d", "{}"), "no 'op'");
        assertRejected(Map.of("op", "2", "d", "{}"), "unknown op 2");
        assertRejected(Map.of("op", "six", "d", "{}"), "not a number");
        assertRejected(Map.of("op", "3"), "no 'd'");
    }

    @Test
    void rejectsBadJsonAndOversizedPayloads() {
        assertRejected(Map.of("op", "3", "d", "{\"since\":"), "not valid JSON");
        assertRejected(Map.of("op", "3", "d", "[1]"), "must be a JSON object");
        String big = "{\"guild_ids\":[\"" + GUILD_ON_1 + "\"],\"pad\":\"" + "x".repeat(4100) + "\"}";
        assertRejected(Map.of("op", "31", "d", big), "over Discord's limit of 4096");
    }

    @Test
    void rejectsTheWrongShapeForEachOp() {
        assertRejected(
                Map.of("op", "3", "d", "{\"since\":null,\"activities\":[],\"status\":\"busy\",\"afk\":false}"),
                "status");
        assertRejected(
                Map.of("op", "4", "d", "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"self_mute\":false,\"self_deaf\":false}"),
                "channel_id");
        assertRejected(
                Map.of("op", "8", "d", "{\"guild_id\":[\"" + GUILD_ON_1 + "\"],\"query\":\"\",\"limit\":0}"),
                "one snowflake");
        assertRejected(Map.of("op", "8", "d", "{\"guild_id\":\"" + GUILD_ON_1 + "\"}"), "either query");
        assertRejected(
                Map.of(
                        "op",
                        "8",
                        "d",
                        "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"query\":\"a\",\"limit\":1,\"nonce\":\"" + "n".repeat(33)
                                + "\"}"),
                "nonce");
        assertRejected(Map.of("op", "31", "d", "{\"guild_ids\":[]}"), "non-empty");
    }

    @Test
    void rejectsAGuildThatBelongsToAnotherShard() {
        assertRejected(
                Map.of("op", "8", "d", "{\"guild_id\":\"" + GUILD_ON_2 + "\",\"query\":\"\",\"limit\":0}"),
                "belongs to shard 2 of 4, not 1");
        assertRejected(
                Map.of("op", "31", "d", "{\"guild_ids\":[\"" + GUILD_ON_1 + "\",\"" + GUILD_ON_2 + "\"]}"),
                "belongs to shard 2");
    }

    @Test
    void rejectsAnythingAfterTheOneValueOfD() {
        // Issue 12 item 10: both passed validation and were spliced into the envelope.
        String members = "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"query\":\"\",\"limit\":0}";
        assertRejected(Map.of("op", "8", "d", members + ",\"op\":2,\"x\":{}"), "d must be exactly one JSON value");
        assertRejected(Map.of("op", "8", "d", members + " }"), "d must be exactly one JSON value");
        assertRejected(Map.of("op", "8", "d", members + members), "d must be exactly one JSON value");
        assertRejected(
                Map.of(
                        "op",
                        "8",
                        "d",
                        "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"guild_id\":\"" + GUILD_ON_2
                                + "\",\"query\":\"\",\"limit\":0}"),
                "Duplicate field 'guild_id'");
    }

    @Test
    void theEnvelopeHoldsOpAndDOnly() {
        String d = "{\"guild_ids\":[\"" + GUILD_ON_1 + "\"],\"x\":{\"op\":2}}";
        Verdict verdict = validator.validate(1, FRESH_ID, Map.of("op", "31", "d", d));
        assertThat(verdict)
                .isInstanceOfSatisfying(
                        Verdict.Accepted.class,
                        accepted ->
                                assertThat(accepted.command().payloadText()).isEqualTo("{\"op\":31,\"d\":" + d + "}"));
    }

    @Test
    void rejectsCommandsOlderThanTheLimitAsStale() {
        Map<String, String> presence =
                Map.of("op", "3", "d", "{\"since\":null,\"activities\":[],\"status\":\"idle\",\"afk\":false}");
        Verdict stale = validator.validate(1, NOW.minusSeconds(75).toEpochMilli() + "-3", presence);
        assertThat(stale)
                .isInstanceOfSatisfying(
                        Verdict.Rejected.class,
                        rejected -> assertThat(rejected.reason())
                                .isEqualTo("stale: written 75 s ago, older than the 60 s limit; commands are not sent"
                                        + " after a restart"));
        assertThat(validator.validate(1, NOW.minusSeconds(59).toEpochMilli() + "-0", presence))
                .isInstanceOf(Verdict.Accepted.class);
        assertThat(validator.validate(1, NOW.plusSeconds(5).toEpochMilli() + "-0", presence))
                .as("a Redis clock ahead of the node's is not a reason to refuse")
                .isInstanceOf(Verdict.Accepted.class);
        assertThat(validator.validate(1, "", presence))
                .as("the node's own commands have no entry")
                .isInstanceOf(Verdict.Accepted.class);
    }

    private void assertAccepted(int op, String data) {
        Verdict verdict = validator.validate(1, FRESH_ID, Map.of("op", Integer.toString(op), "d", data));
        assertThat(verdict).as("op %s %s", op, data).isInstanceOf(Verdict.Accepted.class);
    }

    private void assertRejected(Map<String, String> fields, String reasonPart) {
        Verdict verdict = validator.validate(1, FRESH_ID, fields);
        assertThat(verdict)
                .isInstanceOfSatisfying(
                        Verdict.Rejected.class,
                        rejected -> assertThat(rejected.reason()).contains(reasonPart));
    }
}
