package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Which messages a batch leaves out because its shard's lane knows they change nothing (issue 16): only a message
 * repeating the author and member bytes last written, with nothing else in between. (That the lane forgets an
 * attempt that did not apply is {@code CommitScriptIT}'s.)
 */
class WrittenDocumentsTest {
    private static final String MESSAGE = "{\"id\":\"1\",\"content\":\"hi\",\"guild_id\":\"5\","
            + "\"author\":{\"id\":\"9\",\"username\":\"u\"},\"member\":{\"nick\":\"a\",\"roles\":[]}}";
    private static final String OTHER_NICK = MESSAGE.replace("\"nick\":\"a\"", "\"nick\":\"b\"");
    private static final String MEMBER_UPDATE =
            "{\"guild_id\":\"5\",\"user\":{\"id\":\"9\",\"username\":\"u\"},\"nick\":\"c\",\"roles\":[]}";

    private final CacheRules rules = new CacheRules(new ObjectMapper(), true);
    private final WrittenDocuments written = new WrittenDocuments();

    @Test
    void aMessageRepeatingWhatWasWrittenIsLeftOutFromTheNextBatchOn() {
        assertThat(plan("MESSAGE_CREATE", MESSAGE).events())
                .as("nothing written yet")
                .hasSize(1);
        compute(List.of("MESSAGE_CREATE"), List.of(MESSAGE));

        CacheRules.Plan plan = plan("MESSAGE_CREATE", MESSAGE);
        assertThat(plan.events()).isEmpty();
        assertThat(plan.memberKeys()).isEmpty();
        assertThat(plan("MESSAGE_CREATE", OTHER_NICK).events())
                .as("another member")
                .hasSize(1);
    }

    @Test
    void anEarlierEventOfTheSameMemberInTheBatchMakesTheMessageApply() {
        compute(List.of("MESSAGE_CREATE"), List.of(MESSAGE));

        CacheRules.Plan plan = plan(List.of("GUILD_MEMBER_UPDATE", "MESSAGE_CREATE"), List.of(MEMBER_UPDATE, MESSAGE));

        assertThat(plan.events())
                .extracting(CacheRules.ParsedEvent::type)
                .containsExactly("GUILD_MEMBER_UPDATE", "MESSAGE_CREATE");
        assertThat(plan.memberKeys()).containsExactly(new MemberKey("5", "9"));
    }

    @Test
    void aMessageRepeatingAnEarlierMessageOfTheSameBatchIsLeftOut() {
        CacheRules.Plan plan = plan(
                List.of("MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_CREATE"),
                List.of(MESSAGE, MESSAGE.replace("\"hi\"", "\"again\""), OTHER_NICK));

        assertThat(plan.events())
                .as("the first, nothing known yet; not the second, which repeats its author and member; the third,"
                        + " another nick")
                .extracting(WrittenDocumentsTest::member)
                .containsExactly("{\"nick\":\"a\",\"roles\":[]}", "{\"nick\":\"b\",\"roles\":[]}");
    }

    @Test
    void inABatchWhatCountsIsWhatTheMemberAndUserHoldLast() {
        CacheRules.Plan afterAnotherNick = plan(
                List.of("MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_CREATE"), List.of(MESSAGE, OTHER_NICK, MESSAGE));
        assertThat(afterAnotherNick.events())
                .as("the member holds nick b when the third comes")
                .hasSize(3);

        CacheRules.Plan afterAnUpdate = plan(
                List.of("MESSAGE_CREATE", "GUILD_MEMBER_UPDATE", "MESSAGE_CREATE"),
                List.of(MESSAGE, MEMBER_UPDATE, MESSAGE));
        assertThat(afterAnUpdate.events())
                .extracting(CacheRules.ParsedEvent::type)
                .containsExactly("MESSAGE_CREATE", "GUILD_MEMBER_UPDATE", "MESSAGE_CREATE");

        String presence = "{\"user\":{\"id\":\"9\",\"username\":\"v\"},\"guild_id\":\"5\"}";
        CacheRules.Plan afterAPresence = plan(
                List.of("MESSAGE_CREATE", "PRESENCE_UPDATE", "MESSAGE_CREATE"), List.of(MESSAGE, presence, MESSAGE));
        assertThat(afterAPresence.events())
                .as("the presence changed the user: the message merges its author again")
                .hasSize(3);
    }

    @Test
    void leavingOutARepeatInTheBatchWritesWhatApplyingItWould() {
        List<String> batch = List.of(MESSAGE, OTHER_NICK.replace("\"hi\"", "\"x\""), OTHER_NICK, MESSAGE);
        List<String> types = List.of("MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_CREATE", "MESSAGE_CREATE");

        CacheDocuments remembering = new CacheDocuments(rules.json(), Map.of(), Map.of());
        CacheRules.Plan plan = plan(types, batch);
        rules.compute(plan, remembering);
        CacheDocuments everything = new CacheDocuments(rules.json(), Map.of(), Map.of());
        rules.compute(rules.plan(types, bytes(batch)), everything);

        assertThat(plan.events()).as("the repeat of the second is left out").hasSize(3);
        assertThat(remembering.member("5", "9")).isNotNull().isEqualTo(everything.member("5", "9"));
        assertThat(Objects.requireNonNull(remembering.member("5", "9"))
                        .path("nick")
                        .asText())
                .isEqualTo("a");
    }

    @Test
    void anotherWriteOfTheMemberForgetsIt() {
        compute(List.of("MESSAGE_CREATE"), List.of(MESSAGE));
        compute(List.of("GUILD_MEMBER_UPDATE"), List.of(MEMBER_UPDATE));

        assertThat(plan("MESSAGE_CREATE", MESSAGE).events()).hasSize(1);
    }

    @Test
    void aPresenceOfTheAuthorForgetsItsUser() {
        compute(List.of("MESSAGE_CREATE"), List.of(MESSAGE));
        compute(List.of("PRESENCE_UPDATE"), List.of("{\"user\":{\"id\":\"9\",\"username\":\"v\"},\"guild_id\":\"5\"}"));

        assertThat(plan("MESSAGE_CREATE", MESSAGE).events()).hasSize(1);
    }

    @Test
    void aPresenceWithTheUserIdAloneChangesNothingAndIsLeftOut() {
        compute(List.of("MESSAGE_CREATE"), List.of(MESSAGE));

        CacheRules.Plan plan = plan(
                List.of("PRESENCE_UPDATE", "MESSAGE_CREATE"),
                List.of("{\"user\":{\"id\":\"9\"},\"guild_id\":\"5\",\"status\":\"idle\"}", MESSAGE));

        assertThat(plan.events())
                .as("neither the presence nor the known message")
                .isEmpty();
    }

    @Test
    void aMessageTakingTheFullPathIsParsedFromItsScanItsMemberLeftAsBytes() {
        CacheRules.Plan plan = plan("MESSAGE_CREATE", MESSAGE);

        assertThat(plan.events().get(0).data().toString())
                .isEqualTo("{\"guild_id\":\"5\",\"author\":{\"id\":\"9\",\"username\":\"u\"}}");
        assertThat(member(plan.events().get(0))).isEqualTo("{\"nick\":\"a\",\"roles\":[]}");
        assertThat(plan.memberKeys()).containsExactly(new MemberKey("5", "9"));
    }

    @Test
    void aWipeOrForgetAllForgetsEverything() {
        compute(List.of("MESSAGE_CREATE"), List.of(MESSAGE));
        compute(List.of("READY"), List.of("{\"session_id\":\"s\",\"user\":{\"id\":\"1\",\"username\":\"bot\"}}"));
        assertThat(plan("MESSAGE_CREATE", MESSAGE).events()).as("after a READY").hasSize(1);

        compute(List.of("MESSAGE_CREATE"), List.of(MESSAGE));
        written.forgetAll();
        assertThat(plan("MESSAGE_CREATE", MESSAGE).events())
                .as("after forgetAll")
                .hasSize(1);
    }

    @Test
    void messagesTheRuleIgnoresAreLeftOutAndUnusualOnesParsedAsBefore() {
        assertThat(plan("MESSAGE_CREATE", MESSAGE.replace("\"content\"", "\"webhook_id\":\"3\",\"content\""))
                        .events())
                .isEmpty();
        assertThat(plan("MESSAGE_CREATE", "{\"content\":\"no author\"}").events())
                .isEmpty();
        String escapedName = MESSAGE.replace("\"member\"", "\"memb\\u0065r\"");
        compute(List.of("MESSAGE_CREATE"), List.of(escapedName));
        assertThat(plan("MESSAGE_CREATE", escapedName).events())
                .as("not the plain form: parsed")
                .hasSize(1);
    }

    /** The member bytes a planned message's scan found. */
    private static String member(CacheRules.ParsedEvent event) {
        MessageScan scan =
                Objects.requireNonNull(Objects.requireNonNull(event.prints()).scan());
        return new String(scan.data(), scan.memberFrom(), scan.memberTo() - scan.memberFrom(), StandardCharsets.UTF_8);
    }

    /** Plans and computes one batch against no stored documents, as a lane does before it sends the batch. */
    private void compute(List<String> types, List<String> data) {
        CacheRules.Plan plan = plan(types, data);
        CacheDocuments docs = new CacheDocuments(rules.json(), Map.of(), Map.of());
        rules.compute(plan, docs);
        docs.remember(written);
    }

    /** Plans one batch with what the shard's lane remembers, as a lane does. */
    private CacheRules.Plan plan(List<String> types, List<String> data) {
        return rules.plan(types, bytes(data), written);
    }

    private CacheRules.Plan plan(String type, String data) {
        return plan(List.of(type), List.of(data));
    }

    private static List<byte[]> bytes(List<String> jsons) {
        return jsons.stream().map(WrittenDocumentsTest::bytes).toList();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
