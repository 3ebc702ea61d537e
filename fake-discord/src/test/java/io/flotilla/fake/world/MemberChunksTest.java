package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** REQUEST_GUILD_MEMBERS answers (GATEWAY.md sections 7 and 11.6). */
class MemberChunksTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final World world = World.generate(new WorldOptions(3, 2, 1, 5000, 6, 4));
    private final String guildId = world.guildIds(1, 2).get(0);

    @Test
    void everyoneComesInChunksOfAThousand() throws IOException {
        List<JsonNode> chunks = request(new MemberRequest(guildId, "", 0, List.of(), true, "n1"));
        assertThat(chunks).hasSize(5);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode chunk = chunks.get(i);
            assertThat(chunk.path("guild_id").asText()).isEqualTo(guildId);
            assertThat(chunk.path("chunk_index").asInt()).isEqualTo(i);
            assertThat(chunk.path("chunk_count").asInt()).isEqualTo(5);
            assertThat(chunk.path("nonce").asText()).isEqualTo("n1");
            assertThat(chunk.path("members").size()).isEqualTo(1000);
            assertThat(chunk.path("presences").isArray()).isTrue();
            assertThat(chunk.has("not_found")).isEqualTo(i == 0);
            chunk.path("members")
                    .forEach(m -> seen.add(m.path("user").path("id").asText()));
        }
        assertThat(seen).isEqualTo(world.members(guildId).keySet());
    }

    @Test
    void aPrefixQueryIsCaseInsensitiveAndCappedAtAHundred() throws IOException {
        String prefix = world.members(guildId)
                .values()
                .iterator()
                .next()
                .path("user")
                .path("username")
                .asText()
                .substring(0, 1);
        List<JsonNode> chunks =
                request(new MemberRequest(guildId, prefix.toUpperCase(Locale.ROOT), 1000, List.of(), false, null));
        assertThat(chunks).hasSize(1);
        JsonNode members = chunks.get(0).path("members");
        assertThat(members.size()).isBetween(1, 100);
        members.forEach(
                m -> assertThat(m.path("user").path("username").asText()).startsWith(prefix));
        assertThat(chunks.get(0).has("nonce")).isFalse();
        assertThat(chunks.get(0).has("presences")).isFalse();
        List<JsonNode> limited = request(new MemberRequest(guildId, prefix, 3, List.of(), false, null));
        assertThat(limited.get(0).path("members").size()).isEqualTo(Math.min(3, members.size()));
    }

    @Test
    void userIdsReportTheOnesThatAreNotMembers() throws IOException {
        List<String> known = new ArrayList<>(world.members(guildId).keySet()).subList(0, 2);
        List<String> asked = List.of(known.get(0), "42", known.get(1), "not-a-snowflake");
        List<JsonNode> chunks = request(new MemberRequest(guildId, null, 0, asked, false, "x"));
        assertThat(chunks).hasSize(1);
        Set<String> found = new HashSet<>();
        chunks.get(0)
                .path("members")
                .forEach(m -> found.add(m.path("user").path("id").asText()));
        assertThat(found).containsExactlyInAnyOrderElementsOf(known);
        List<String> notFound = new ArrayList<>();
        chunks.get(0).path("not_found").forEach(id -> notFound.add(id.asText()));
        assertThat(notFound).containsExactly("42", "not-a-snowflake");
    }

    @Test
    void atMostAHundredUserIdsAreLookedAt() throws IOException {
        List<String> asked = IntStream.range(0, 150).mapToObj(Integer::toString).toList();
        List<JsonNode> chunks = request(new MemberRequest(guildId, null, 0, asked, false, null));
        assertThat(chunks.get(0).path("not_found").size()).isEqualTo(100);
    }

    @Test
    void anEmptyAnswerIsStillOneChunk() throws IOException {
        List<JsonNode> chunks = request(new MemberRequest(guildId, "zzzzzz", 10, List.of(), false, "e"));
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).path("members").size()).isZero();
        assertThat(chunks.get(0).path("chunk_count").asInt()).isEqualTo(1);
        assertThat(chunks.get(0).path("chunk_index").asInt()).isZero();
    }

    @Test
    void anUnknownGuildGetsNoChunks() {
        assertThat(world.requestMembers(new MemberRequest("1", "", 0, List.of(), false, null)))
                .isEmpty();
    }

    private List<JsonNode> request(MemberRequest request) throws IOException {
        List<JsonNode> chunks = new ArrayList<>();
        for (byte[] chunk : world.requestMembers(request)) {
            chunks.add(MAPPER.readTree(chunk));
        }
        return chunks;
    }
}
