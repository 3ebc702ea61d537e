package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fake.world.Dispatch;
import org.junit.jupiter.api.Test;

class DispatchRingTest {

    @Test
    void numbersFromOneAndKeepsTheLastCapacityDispatches() {
        DispatchRing ring = new DispatchRing(4);
        assertThat(ring.produced()).isZero();
        assertThat(ring.oldestRetained()).isEqualTo(1);

        for (int i = 1; i <= 6; i++) {
            assertThat(ring.append(new Dispatch("E" + i, new byte[0], 0))).isEqualTo(i);
        }

        assertThat(ring.produced()).isEqualTo(6);
        assertThat(ring.oldestRetained()).isEqualTo(3);
        assertThat(ring.get(3).type()).isEqualTo("E3");
        assertThat(ring.get(6).type()).isEqualTo("E6");
    }
}
