package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which documents a batch reads before its commit: only those its rules use (issue 12 item 12). */
class CachePlanTest {
    private final CacheRules rules = new CacheRules(new ObjectMapper(), true);

    @Test
    void messagesAndMemberChunksReadTheirMembersButNeverTheGuildDocument() {
        CacheRules.Plan plan = rules.plan(
                List.of("MESSAGE_CREATE", "GUILD_MEMBERS_CHUNK", "GUILD_MEMBER_UPDATE"),
                List.of(
                        bytes("{\"guild_id\":\"5\",\"author\":{\"id\":\"9\"},\"member\":{\"roles\":[]}}"),
                        bytes("{\"guild_id\":\"6\",\"members\":[{\"user\":{\"id\":\"8\"},\"roles\":[]}]}"),
                        bytes("{\"guild_id\":\"7\",\"user\":{\"id\":\"3\"},\"roles\":[]}")));

        assertThat(plan.guildIds()).isEmpty();
        assertThat(plan.memberKeys()).contains(new MemberKey("5", "9"), new MemberKey("7", "3"));
    }

    @Test
    void eventsThatChangeTheGuildDocumentReadIt() {
        CacheRules.Plan plan = rules.plan(
                List.of("GUILD_MEMBER_ADD", "CHANNEL_CREATE"),
                List.of(
                        bytes("{\"guild_id\":\"5\",\"user\":{\"id\":\"9\"},\"roles\":[]}"),
                        bytes("{\"guild_id\":\"6\",\"id\":\"60\",\"type\":0}")));

        assertThat(plan.guildIds()).containsExactly("5", "6");
    }

    @Test
    void aMessageIsParsedOnlyForTheFieldsItsRuleReads() {
        CacheRules.Plan plan = rules.plan(
                List.of("MESSAGE_CREATE", "PRESENCE_UPDATE"),
                List.of(
                        bytes("{\"id\":\"1\",\"content\":\"hi\",\"embeds\":[{\"title\":\"t\"}],\"guild_id\":\"5\","
                                + "\"author\":{\"id\":\"9\",\"username\":\"u\"},\"member\":{\"roles\":[\"2\"]},"
                                + "\"webhook_id\":null}"),
                        bytes("{\"user\":{\"id\":\"9\",\"username\":\"v\"},\"status\":\"online\",\"activities\":[{}],"
                                + "\"guild_id\":\"5\"}")));

        assertThat(plan.events().get(0).data().toString())
                .isEqualTo("{\"guild_id\":\"5\",\"author\":{\"id\":\"9\",\"username\":\"u\"},"
                        + "\"member\":{\"roles\":[\"2\"]},\"webhook_id\":null}");
        assertThat(plan.events().get(1).data().toString())
                .isEqualTo("{\"user\":{\"id\":\"9\",\"username\":\"v\"},\"guild_id\":\"5\"}");
        assertThat(plan.memberKeys()).containsExactly(new MemberKey("5", "9"));
    }

    @Test
    void aMessageWhoseDIsNotValidJsonIsSkipped() {
        CacheRules.Plan plan = rules.plan(
                List.of("MESSAGE_CREATE", "MESSAGE_CREATE"),
                List.of(bytes("{\"content\":\"x\",\"embeds\":[}"), bytes("[1]")));

        assertThat(plan.events()).isEmpty();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
