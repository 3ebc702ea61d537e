package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link MemberBytes} writes the member {@link MemberRules} wrote by merging trees (the same fields, values and
 * order, {@code user} set to the author), and declines what is not in the plain form.
 */
class MemberBytesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {
        "nick", "roles", "joined_at", "premium_since", "deaf", "mute", "flags", "pending", "avatar", "banner"
    };
    private static final String[] VALUES = {
        "null",
        "true",
        "false",
        "0",
        "-12.5e3",
        "\"\"",
        "\"a \\\"quoted\\\" nick\"",
        "\"\\u00e9t\\u00e9 {[\"",
        "[]",
        "[\"1\",\"2\"]",
        "{\"a\":[1,{\"b\":null}]}",
        "\"2024-01-01T00:00:00.000000+00:00\""
    };

    @Test
    void mergesAsTheTreesMergeInTheSameOrder() throws IOException {
        Random random = new Random(31);
        for (int run = 0; run < 5_000; run++) {
            String patch = object(random, false);
            String stored = random.nextInt(4) == 0 ? null : object(random, true);
            String message = "{\"id\":\"1\", \"member\" : " + patch + " ,\"content\":\"x\"}";
            int from = message.indexOf(patch);
            byte[] d = message.getBytes(StandardCharsets.UTF_8);
            int to = from + patch.getBytes(StandardCharsets.UTF_8).length;

            byte[] merged = MemberBytes.merge(bytes(stored), d, from, to, "9");

            assertThat(merged).as(patch + " into " + stored).isNotNull();
            JsonNode bytewise = JSON.readTree(Objects.requireNonNull(merged));
            ObjectNode trees = treeMerge(stored, patch);
            assertThat(bytewise).as(patch + " into " + stored).isEqualTo(trees);
            assertThat(names(bytewise)).isEqualTo(names(trees));
        }
    }

    @Test
    void declinesWhatIsNotThePlainForm() {
        byte[] member = utf8("{\"nick\":\"a\"}");

        assertThat(merge("{\"nick\":\"a\",\"nick\":\"b\"}", member))
                .as("a stored name twice")
                .isNull();
        assertThat(merge("{\"ni\\u0063k\":\"a\"}", member))
                .as("an escaped stored name")
                .isNull();
        assertThat(merge("{\"nick\":\"a\"} x", member))
                .as("bytes after the stored object")
                .isNull();
        assertThat(merge("[1]", member)).as("a stored array").isNull();
        assertThat(merge("{\"nick\":", member)).as("a truncated stored member").isNull();
        assertThat(merge(null, utf8("{\"user\":\"7\",\"nick\":\"a\"}")))
                .as("a message member with a user")
                .isNull();
        assertThat(merge(null, utf8("{\"roles\":[],\"roles\":[1]}")))
                .as("a message member name twice")
                .isNull();
        assertThat(merge("{}", member)).isEqualTo(utf8("{\"nick\":\"a\",\"user\":\"9\"}"));
    }

    private static byte @Nullable [] merge(@Nullable String stored, byte[] member) {
        return MemberBytes.merge(bytes(stored), member, 0, member.length, "9");
    }

    /** What {@link MemberRules#messageCreate} does with trees: the member and user set into the stored member. */
    private static ObjectNode treeMerge(@Nullable String stored, String patch) throws IOException {
        ObjectNode incoming = (ObjectNode) JSON.readTree(patch);
        incoming.put("user", "9");
        if (stored == null) {
            return incoming;
        }
        ObjectNode base = (ObjectNode) JSON.readTree(stored);
        base.setAll(incoming);
        return base;
    }

    /** A member object of distinct random fields (with a user when stored), spaced at random. */
    private static String object(Random random, boolean stored) {
        List<String> names = new ArrayList<>(List.of(NAMES));
        java.util.Collections.shuffle(names, random);
        int count = random.nextInt(NAMES.length + 1);
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "{" : "{ ");
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                s.append(random.nextBoolean() ? "," : " , ");
            }
            s.append('"').append(names.get(k)).append(random.nextBoolean() ? "\":" : "\" :\n");
            s.append(VALUES[random.nextInt(VALUES.length)]);
        }
        if (stored && random.nextBoolean()) {
            s.append(count > 0 ? "," : "").append("\"user\":\"9\"");
        }
        return s.append(random.nextBoolean() ? "}" : " }").toString();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte @Nullable [] bytes(@Nullable String json) {
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }
}
