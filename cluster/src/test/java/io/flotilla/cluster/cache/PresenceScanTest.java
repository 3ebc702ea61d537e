package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which presences change nothing in the cache, judged from their bytes; anything unusual is left to the parser. */
class PresenceScanTest {

    @Test
    void aUserOfItsIdAloneChangesNothing() {
        assertThat(changesNothing("{\"user\":{\"id\":\"9\"},\"guild_id\":\"5\",\"status\":\"online\","
                        + "\"activities\":[{\"name\":\"}\\\"{\"}],\"client_status\":{}}"))
                .isTrue();
        assertThat(changesNothing(" { \"status\" : \"idle\" , \"user\" : { \"id\" : \"9\" } } "))
                .isTrue();
        assertThat(changesNothing("{\"user\":null}")).as("no user object").isTrue();
        assertThat(changesNothing("{\"guild_id\":\"5\"}")).as("no user").isTrue();
    }

    @Test
    void aUserWithMoreThanItsIdIsMerged() {
        assertThat(changesNothing("{\"user\":{\"id\":\"9\",\"username\":\"u\"},\"guild_id\":\"5\"}"))
                .isFalse();
        assertThat(changesNothing("{\"user\":{\"id\":\"9\"},\"user\":{\"id\":\"9\",\"avatar\":null}}"))
                .as("the last user counts, as for the parser")
                .isFalse();
    }

    @Test
    void anythingButThePlainFormIsLeftToTheParser() {
        assertThat(changesNothing("{\"us\\u0065r\":{\"id\":\"9\",\"username\":\"u\"}}"))
                .as("an escaped name")
                .isFalse();
        assertThat(changesNothing("{\"user\":{\"id\":\"9\"}")).as("truncated").isFalse();
        assertThat(changesNothing("[1]")).as("not an object").isFalse();
        assertThat(changesNothing("{\"user\":{\"id\":\"9\"}} x"))
                .as("trailing bytes")
                .isFalse();
    }

    private static boolean changesNothing(String d) {
        return PresenceScan.changesNothing(d.getBytes(StandardCharsets.UTF_8));
    }
}
