package io.flotilla.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamGroupTest {
    @Test
    void aGroupIsReadFromXinfoGroupsFields() {
        List<Object> entry =
                List.of("name", "bots", "consumers", 2L, "pending", 7L, "last-delivered-id", "1-0", "lag", 3L);
        assertThat(StreamGroup.parse(entry)).contains(new StreamGroup("bots", 7));
    }

    @Test
    void somethingElseIsNoGroup() {
        assertThat(StreamGroup.parse("bots")).isEmpty();
        assertThat(StreamGroup.parse(List.of("name", "bots"))).isEmpty();
    }
}
