package io.flotilla.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.ForAll;
import io.flotilla.worker.CommandFields;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary and adversarial worker commands (issue 17): whatever a worker appends to {@code g:command:<shard>}, the
 * validator answers with a verdict, never an exception; a rejection names its reason; an accepted command is one
 * JSON object {@code {op, d}} within Discord's payload limit, for an op workers may send, and routed to this shard.
 */
class CommandValidatorPropertyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] OPS = {"3", "4", "8", "31", "2", "6", "1", "0", "-1", "3.0", " 3", "99999999999", ""};
    private static final String[] DATA = {
        "{\"since\":null,\"activities\":[],\"status\":\"online\",\"afk\":false}",
        "{\"guild_id\":\"%s\",\"channel_id\":null,\"self_mute\":false,\"self_deaf\":true}",
        "{\"guild_id\":\"%s\",\"query\":\"\",\"limit\":0}",
        "{\"guild_id\":\"%s\",\"user_ids\":[\"1\",\"2\"]}",
        "{\"guild_ids\":[\"%s\"]}",
        "{}",
        "[]",
        "null",
        "1",
        "\"x\"",
        "{\"guild_id\":%s}",
        "{\"a\":1}{\"b\":2}",
        "{\"guild_id\":\"%s\"",
        "{\"guild_id\":\"%s\",\"token\":\"x\"}",
        "{\"op\":2,\"d\":{\"token\":\"y\"}}",
    };

    private final CommandValidator validator =
            new CommandValidator(new ObjectMapper(), 4, InstantSource.fixed(NOW), Duration.ofSeconds(60));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyEntryGetsAVerdictAndOnlyWellFormedRoutedCommandsAreAccepted() {
        ForAll.check(this::entry, entry -> {
            Verdict verdict = validator.validate(1, entry.id(), entry.fields());
            switch (verdict) {
                case Verdict.Rejected rejected -> assertThat(rejected.reason()).isNotBlank();
                case Verdict.Accepted accepted -> {
                    String text = accepted.command().payloadText();
                    assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                            .isLessThanOrEqualTo(CommandValidator.MAX_PAYLOAD_BYTES);
                    var tree = parse(text);
                    assertThat(tree.path("op").asInt()).isIn(3, 4, 8, 31);
                    assertThat(tree.path("d").isObject()).isTrue();
                    String guild = tree.path("d").path("guild_id").asText("");
                    if (!guild.isEmpty()) {
                        assertThat((Long.parseUnsignedLong(guild) >>> 22) % 4).isEqualTo(1);
                    }
                }
            }
        });
    }

    record Entry(String id, Map<String, String> fields) {}

    private Entry entry(SplittableRandom random) {
        Map<String, String> fields = new HashMap<>();
        if (random.nextInt(10) > 0) {
            fields.put(CommandFields.OP, OPS[random.nextInt(OPS.length)]);
        }
        if (random.nextInt(10) > 0) {
            long guild = (random.nextLong(1, 1_000_000) << 22) | random.nextInt(1 << 22);
            String data = DATA[random.nextInt(DATA.length)].replace("%s", Long.toUnsignedString(guild));
            fields.put(CommandFields.DATA, random.nextInt(20) == 0 ? data.repeat(random.nextInt(1, 400)) : data);
        }
        if (random.nextInt(8) == 0) {
            fields.put("extra-" + random.nextInt(3), "x"); // fields nobody asked for
        }
        String[] ids = {NOW.toEpochMilli() + "-0", NOW.minusSeconds(3600).toEpochMilli() + "-7", "", "junk", "1-"};
        return new Entry(ids[random.nextInt(ids.length)], fields);
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("accepted a command that is not JSON: " + text, e);
        }
    }
}
