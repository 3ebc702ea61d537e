package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte scan of a MESSAGE_CREATE: the plain form is read, anything else is left to the parser (null). */
class MessageScanTest {

    @Test
    void findsTheFieldsTheRuleReadsAndWhereTheAuthorAndMemberAre() {
        String d = "{ \"id\":\"1\", \"embeds\":[{\"t\":\"}\\\"\"}], \"guild_id\" : \"5\","
                + "\"author\":{\"id\":\"9\",\"username\":\"u\"},\"member\":{\"nick\":null},\"webhook_id\":null }";
        MessageScan scan = scan(d);

        assertThat(scan.webhook()).isFalse();
        assertThat(scan.guildId()).isEqualTo("5");
        assertThat(scan.authorId()).isEqualTo("9");
        assertThat(scan.authorHasMore()).isTrue();
        assertThat(d.substring(scan.authorFrom(), scan.authorTo())).isEqualTo("{\"id\":\"9\",\"username\":\"u\"}");
        assertThat(d.substring(scan.memberFrom(), scan.memberTo())).isEqualTo("{\"nick\":null}");
    }

    @Test
    void theLastOfRepeatedFieldsCountsAsForTheParser() {
        MessageScan scan = scan("{\"guild_id\":\"5\",\"author\":{\"id\":\"8\",\"id\":\"9\"},"
                + "\"guild_id\":\"6\",\"webhook_id\":\"1\",\"webhook_id\":null}");

        assertThat(scan.guildId()).isEqualTo("6");
        assertThat(scan.authorId()).isEqualTo("9");
        assertThat(scan.authorHasMore()).as("only ids").isFalse();
        assertThat(scan.webhook()).isFalse();
        assertThat(scan.memberFrom()).isEqualTo(-1);
    }

    @Test
    void aWebhookOrNoAuthorIsReported() {
        MessageScan webhook = scan("{\"webhook_id\":\"3\",\"author\":{\"id\":\"9\"}}");
        MessageScan none = scan("{\"content\":\"x\",\"guild_id\":null}");

        assertThat(webhook.webhook()).isTrue();
        assertThat(none.authorId()).isNull();
        assertThat(none.guildId()).isNull();
    }

    @Test
    void anythingButThePlainFormIsLeftToTheParser() {
        for (String d : new String[] {
            "[1]",
            "{\"auth\\u006fr\":{\"id\":\"9\"}}",
            "{\"author\":\"9\"}",
            "{\"author\":{\"id\":9}}",
            "{\"author\":{\"id\":\"9\\u0030\"}}",
            "{\"author\":{\"username\":\"u\"}}",
            "{\"author\":{}}",
            "{\"member\":[]}",
            "{\"guild_id\":5}",
            "{\"guild_id\":\"\u00e9\"}",
            "{\"author\":{\"id\":\"9\"}",
            "{\"author\":{\"id\":\"9\"}} x",
            "{\"a\":tru}",
            "{\"a\" 1}",
        }) {
            assertThat(MessageScan.of(bytes(d))).as(d).isNull();
        }
    }

    /** The scan of a message in the plain form (failing the test when there is none). */
    private static MessageScan scan(String d) {
        MessageScan scan = MessageScan.of(bytes(d));
        if (scan == null) {
            throw new AssertionError("no scan of " + d);
        }
        return scan;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
