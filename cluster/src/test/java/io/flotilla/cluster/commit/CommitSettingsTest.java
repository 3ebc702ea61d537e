package io.flotilla.cluster.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The committer's small pure parts: its settings, the event filter and what it reads from READY. */
class CommitSettingsTest {

    @Test
    void theFilterQueuesEverythingByDefaultOrOnlyTheNamedEventsInAnyCase() {
        assertThat(EventFilter.all().accepts("TYPING_START")).isTrue();
        EventFilter only = EventFilter.only(Set.of("message_create", "GUILD_CREATE"));
        assertThat(only.accepts("MESSAGE_CREATE")).isTrue();
        assertThat(only.accepts("GUILD_CREATE")).isTrue();
        assertThat(only.accepts("TYPING_START")).isFalse();
    }

    @Test
    void readyGivesItsResumeUrlWithoutReadingTheRest() {
        byte[] ready = ("{\"v\":10,\"guilds\":[{\"id\":\"1\",\"unavailable\":true}],\"user\":{\"id\":\"2\"},"
                        + "\"session_id\":\"abc\",\"resume_gateway_url\":\"wss://resume.example\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ReadyFacts.resumeUrl(ready)).isEqualTo("wss://resume.example");
        assertThat(ReadyFacts.resumeUrl("{\"session_id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(ReadyFacts.resumeUrl("{broken".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheirName() {
        CommitterConfig defaults = CommitterConfig.defaults("node-a");
        assertThat(defaults.maxStreamLength()).as("no trimming unless asked").isZero();
        assertThatThrownBy(() -> defaults.withLanes(0)).hasMessageContaining("lanes must be at least 1");
        assertThatThrownBy(() -> defaults.withPressure(10, 20)).hasMessageContaining("resume-below (20)");
        assertThatThrownBy(() -> defaults.withMaxStreamLength(-1)).hasMessageContaining("max stream length");
    }

    @Test
    void aNodeRunsALanePerProcessorBetweenTwoAndFour() {
        assertThat(CommitterConfig.lanesFor(1)).isEqualTo(2);
        assertThat(CommitterConfig.lanesFor(2)).isEqualTo(2);
        assertThat(CommitterConfig.lanesFor(3)).isEqualTo(3);
        assertThat(CommitterConfig.lanesFor(64)).isEqualTo(4);
    }
}
