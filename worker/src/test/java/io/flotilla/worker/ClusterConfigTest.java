package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {
    private final Keys keys = Keys.defaults("prod");

    @Test
    void readsCountAndEpoch() {
        assertThat(ClusterConfig.parse(keys, Map.of("shard_count", "16:7"))).isEqualTo(new ClusterConfig(16, 7));
    }

    @Test
    void aMissingCountNamesTheKeyAndTheGroup() {
        assertThatThrownBy(() -> ClusterConfig.parse(keys, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("g:cluster:prod:config")
                .hasMessageContaining("'prod'");
    }

    @Test
    void aMalformedValueIsNamed() {
        for (String bad : new String[] {"16", "x:1", "16:1:2", ":3", "0:4"}) {
            assertThatThrownBy(() -> ClusterConfig.parse(keys, Map.of("shard_count", bad)))
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
