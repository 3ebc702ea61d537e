package io.flotilla.node.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo's flags: defaults, both spellings, durations with and without a unit, and clear errors. */
class DemoOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(DemoOptions.parse(new String[0])).isEqualTo(new DemoOptions(Duration.ofSeconds(20), 7878, 5, false));
    }

    @Test
    void flagsTakeAValueAfterASpaceOrAnEqualsSign() {
        DemoOptions options =
                DemoOptions.parse(new String[] {"--kill-after=1500ms", "--port", "0", "--rate=12", "--help"});
        assertThat(options).isEqualTo(new DemoOptions(Duration.ofMillis(1500), 0, 12, true));
    }

    @Test
    void killAfterAcceptsSecondsMinutesAndZero() {
        assertThat(DemoOptions.parse(new String[] {"--kill-after", "8s"}).killAfter())
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(DemoOptions.parse(new String[] {"--kill-after", "2m"}).killAfter())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(DemoOptions.parse(new String[] {"--kill-after", "0"}).killAfter())
                .isZero();
    }

    @Test
    void badInputNamesTheFlagAndWhatItAccepts() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--kill-after", "soon"}))
                .hasMessageContaining("--kill-after: 'soon' is not accepted: a duration such as 20s");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--port", "70000"}))
                .hasMessageContaining("--port: '70000' is not accepted: a whole number from 0 to 65535");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--nodes", "5"}))
                .hasMessageContaining("unknown option '--nodes'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--rate"}))
                .hasMessageContaining("--rate needs a value");
    }
}
