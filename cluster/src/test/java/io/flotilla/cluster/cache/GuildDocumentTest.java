package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A stored guild is parsed only where a rule reads it, and written back with the rest of its bytes unchanged. */
class GuildDocumentTest {
    private static final String STORED = "{\"id\":\"5\",\"name\":\"g\u00e9\",\"member_count\":3,"
            + "\"roles\":[{\"id\":\"5\",\"name\":\"@everyone\"}],\"channels\":[{\"id\":\"6\",\"type\":0}]}";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void untouchedFieldsAreWrittenBackAsTheyWere() throws IOException {
        String spaced = STORED.replace("\"@everyone\"}", "\"@everyone\" }");
        GuildDocument guild = load(spaced.replace(",\"roles\":", " , \"roles\" :  "));

        assertThat(string(guild.bytes()))
                .as("the spacing inside a value is kept; between fields it is not")
                .isEqualTo(spaced);
    }

    @Test
    void aReadFieldIsParsedAndAChangeIsWritten() throws IOException {
        GuildDocument guild = load(STORED);

        guild.set("member_count", IntNode.valueOf(field(guild, "member_count").asInt() + 1));
        guild.array("channels").add(json.createObjectNode().put("id", "7"));
        guild.array("threads");

        assertThat(json.readTree(guild.bytes()))
                .isEqualTo(json.readTree(STORED.replace("\"member_count\":3", "\"member_count\":4")
                        .replace("\"type\":0}]", "\"type\":0},{\"id\":\"7\"}],\"threads\":[]")));
    }

    @Test
    void aMergedUpdateReplacesItsFieldsInPlaceAndAddsNewOnes() throws IOException {
        GuildDocument guild = load(STORED);
        ObjectNode update = json.createObjectNode().put("name", "h").put("icon", "x\"y");

        guild.setAll(update);

        assertThat(string(guild.bytes()))
                .isEqualTo(STORED.replace("g\u00e9", "h").replace("}]}", "}],\"icon\":\"x\\\"y\"}"));
    }

    @Test
    void aRepeatedNameKeepsItsLastValueAsAParserDoes() throws IOException {
        GuildDocument guild = load("{\"member_count\":1,\"id\":\"5\",\"member_count\":2}");

        assertThat(field(guild, "member_count").asInt()).isEqualTo(2);
        assertThat(string(guild.bytes())).isEqualTo("{\"member_count\":2,\"id\":\"5\"}");
    }

    @Test
    void anEscapedNameIsParsedWholeAndDamageIsRefused() throws IOException {
        GuildDocument escaped = load("{\"n\\u0061me\":\"g\",\"id\":\"5\"}");
        assertThat(field(escaped, "name").asText()).isEqualTo("g");

        assertThat(GuildDocument.load(json, bytes("[1]"))).as("not an object").isNull();
        assertThatThrownBy(() -> GuildDocument.load(json, bytes("{\"id\":\"5\",\"roles\":[{\"id\":1}")))
                .isInstanceOf(IOException.class);
    }

    private GuildDocument load(String stored) throws IOException {
        return Objects.requireNonNull(GuildDocument.load(json, bytes(stored)));
    }

    private static JsonNode field(GuildDocument guild, String name) {
        return Objects.requireNonNull(guild.get(name), name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
