package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A list edited as bytes ends as the tree edit ends it, with the untouched elements' bytes kept. */
class RawListTest {
    private static final ScanBytes.Name ID = ScanBytes.name("id");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anUpsertReplacesItsElementAndKeepsTheOthersBytes() {
        String list = "[ {\"id\":\"1\", \"n\":[{\"id\":\"2\"}]} ,{\"n\":1,\"id\":\"2\"},{\"id\":\"3\"}]";

        assertThat(upsert(list, "2", "{\"id\":\"2\",\"n\":2}"))
                .isEqualTo("[ {\"id\":\"1\", \"n\":[{\"id\":\"2\"}]} ,{\"id\":\"2\",\"n\":2},{\"id\":\"3\"}]");
        assertThat(upsert(list, "4", "{\"id\":\"4\"}"))
                .as("appended")
                .isEqualTo(
                        "[{\"id\":\"1\", \"n\":[{\"id\":\"2\"}]},{\"n\":1,\"id\":\"2\"},{\"id\":\"3\"},{\"id\":\"4\"}]");
        assertThat(upsert(" [ ] ".trim(), "4", "{\"id\":\"4\"}")).isEqualTo("[{\"id\":\"4\"}]");
    }

    @Test
    void aRemovalDropsEveryMatchingElementOnly() {
        String list =
                "[{\"id\":\"1\",\"parent_id\":\"9\"},{\"id\":\"2\",\"parent_id\":null},{\"id\":\"3\",\"parent_id\":\"9\"}]";

        assertThat(remove(list, ScanBytes.name("parent_id"), "9")).isEqualTo("[{\"id\":\"2\",\"parent_id\":null}]");
        assertThat(remove(list, ID, "7")).isEqualTo(list);
    }

    @Test
    void anythingButThePlainFormIsLeftToTheTree() {
        assertThat(upsert("[{\"id\":2}]", "2", "{\"id\":\"2\"}"))
                .as("a number id")
                .isNull();
        assertThat(upsert("[{\"\\u0069d\":\"2\"}]", "2", "{\"id\":\"2\"}"))
                .as("an escaped name")
                .isNull();
        assertThat(upsert("{\"id\":\"2\"}", "2", "{\"id\":\"2\"}"))
                .as("not an array")
                .isNull();
        assertThat(remove("[{\"id\":\"2\"}", ID, "2")).as("truncated").isNull();
    }

    @Test
    void randomListsEndAsTheirTreeEditsEndThem() throws IOException {
        Random random = new Random(16);
        for (int run = 0; run < 2_000; run++) {
            ArrayNode tree = json.createArrayNode();
            int size = random.nextInt(6);
            for (int k = 0; k < size; k++) {
                ObjectNode element = tree.addObject();
                if (random.nextInt(5) > 0) {
                    element.put("id", Integer.toString(random.nextInt(4)));
                }
                element.put("name", "e" + k);
                if (random.nextBoolean()) {
                    element.putArray("overwrites").addObject().put("id", Integer.toString(random.nextInt(4)));
                }
            }
            String list = json.writeValueAsString(tree);
            String id = Integer.toString(random.nextInt(4));
            ObjectNode item = json.createObjectNode().put("id", id).put("name", "new");

            ArrayNode upserted = tree.deepCopy();
            JsonFields.upsertById(upserted, item);
            assertThat(json.readTree(upsert(list, id, json.writeValueAsString(item))))
                    .as(list)
                    .isEqualTo(upserted);
            ArrayNode removed = tree.deepCopy();
            JsonFields.removeIf(removed, element -> id.equals(JsonFields.text(element, "id")));
            assertThat(json.readTree(remove(list, ID, id))).as(list).isEqualTo(removed);
        }
    }

    private static @Nullable String upsert(String list, String id, String item) {
        byte[] b = bytes(list);
        return string(RawList.upsert(b, 0, b.length, ID, id, bytes(item)));
    }

    private static @Nullable String remove(String list, ScanBytes.Name field, String value) {
        byte[] b = bytes(list);
        return string(RawList.remove(b, 0, b.length, field, value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static @Nullable String string(byte @Nullable [] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
