package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryEntityCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemoryEntityCache cache = new MemoryEntityCache(new CacheRules(JSON, true));

    @Test
    void aRealisticRunOfEventsLeavesTheExpectedDocuments() {
        // One event per call, as many small batches would; the story must not depend on batch boundaries.
        GuildStory.EVENTS.forEach(event -> cache.apply(0, List.of(event.type()), List.of(event.bytes())));

        assertJson(cache.guild("100"), GuildStory.GUILD_100);
        assertThat(cache.guild("101")).isEmpty();
        assertThat(cache.members("101")).isEmpty();
        Map<String, String> members = cache.members("100");
        assertThat(members).containsOnlyKeys("1", "3");
        assertJson(Optional.ofNullable(members.get("1")), GuildStory.MEMBER_1);
        assertJson(Optional.ofNullable(members.get("3")), GuildStory.MEMBER_3);
        assertJson(cache.user("1"), GuildStory.USER_1);
        assertJson(cache.user("2"), GuildStory.USER_2);
        assertJson(cache.user("3"), GuildStory.USER_3);
    }

    @Test
    void theSameEventsInOneBatchGiveTheSameDocuments() {
        cache.apply(0, GuildStory.types(GuildStory.EVENTS), GuildStory.data(GuildStory.EVENTS));

        assertJson(cache.guild("100"), GuildStory.GUILD_100);
        assertThat(cache.members("100")).containsOnlyKeys("1", "3");
        assertJson(cache.user("3"), GuildStory.USER_3);
    }

    @Test
    void aNewSessionWipesOnlyItsOwnShard() {
        apply(
                0,
                "GUILD_CREATE",
                "{\"id\":\"7\",\"name\":\"a\",\"members\":[{\"user\":{\"id\":\"9\",\"username\":\"x\"}}]}");
        apply(1, "GUILD_CREATE", "{\"id\":\"8\",\"name\":\"b\"}");

        apply(0, "READY", "{\"session_id\":\"new\",\"user\":{\"id\":\"1\",\"username\":\"bot\"}}");

        assertThat(cache.guild("7")).isEmpty();
        assertThat(cache.members("7")).isEmpty();
        assertThat(cache.guild("8")).isPresent();
        assertThat(cache.user("9")).as("users are global and stay").isPresent();
    }

    @Test
    void aPartialUserIsMergedNeverReplaced() {
        apply(0, "GUILD_MEMBER_ADD", "{\"guild_id\":\"7\",\"user\":{\"id\":\"9\",\"username\":\"x\",\"avatar\":null}}");
        apply(0, "PRESENCE_UPDATE", "{\"user\":{\"id\":\"9\",\"avatar\":\"new\"},\"status\":\"online\"}");
        apply(0, "PRESENCE_UPDATE", "{\"user\":{\"id\":\"9\"},\"status\":\"idle\"}");

        assertJson(cache.user("9"), "{\"id\":\"9\",\"username\":\"x\",\"avatar\":\"new\"}");
    }

    @Test
    void eventsForAGuildThatIsNotCachedChangeNothingAndBadJsonIsSkipped() {
        apply(0, "CHANNEL_CREATE", "{\"id\":\"5\",\"guild_id\":\"77\"}");
        apply(0, "GUILD_ROLE_CREATE", "not json");
        apply(0, "GUILD_UPDATE", "[1,2]");

        assertThat(cache.guild("77")).isEmpty();
    }

    @Test
    void threadListSyncReplacesTheActiveThreadsOfTheSyncedChannels() {
        apply(
                0,
                "GUILD_CREATE",
                "{\"id\":\"7\",\"threads\":[{\"id\":\"1\",\"parent_id\":\"10\"},"
                        + "{\"id\":\"2\",\"parent_id\":\"11\"}]}");
        apply(
                0,
                "THREAD_LIST_SYNC",
                "{\"guild_id\":\"7\",\"channel_ids\":[\"10\"],"
                        + "\"threads\":[{\"id\":\"3\",\"parent_id\":\"10\"}],\"members\":[{\"id\":\"3\",\"user_id\":\"1\"}]}");

        assertJson(
                cache.guild("7"),
                "{\"id\":\"7\",\"threads\":[{\"id\":\"2\",\"parent_id\":\"11\",\"guild_id\":\"7\"},"
                        + "{\"id\":\"3\",\"parent_id\":\"10\",\"member\":{\"id\":\"3\",\"user_id\":\"1\"}}]}");
    }

    @Test
    void threadMembersUpdateCountsAndRefreshesTheAddedGuildMembers() {
        apply(0, "GUILD_CREATE", "{\"id\":\"7\",\"threads\":[{\"id\":\"1\",\"parent_id\":\"10\",\"member_count\":1}]}");
        apply(
                0,
                "THREAD_MEMBERS_UPDATE",
                "{\"id\":\"1\",\"guild_id\":\"7\",\"member_count\":2,\"added_members\":"
                        + "[{\"id\":\"1\",\"user_id\":\"9\",\"member\":{\"user\":{\"id\":\"9\",\"username\":\"x\"},"
                        + "\"roles\":[]},\"presence\":null}]}");

        assertJson(
                cache.guild("7"),
                "{\"id\":\"7\",\"threads\":[{\"id\":\"1\",\"parent_id\":\"10\","
                        + "\"member_count\":2,\"guild_id\":\"7\"}]}");
        assertJson(cache.member("7", "9"), "{\"user\":\"9\",\"roles\":[]}");
        assertJson(cache.user("9"), "{\"id\":\"9\",\"username\":\"x\"}");
    }

    private void apply(int shard, String type, String json) {
        cache.apply(shard, List.of(type), List.of(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static void assertJson(Optional<String> actual, String expected) {
        assertThat(actual).as("document").isPresent();
        assertThat(tree(actual.get())).isEqualTo(tree(expected));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
