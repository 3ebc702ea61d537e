package io.flotilla.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntentsTest {
    @Test
    void masksMatchTheSumsOfSection10() {
        assertThat(Intents.KNOWN).isEqualTo(53_608_447L);
        assertThat(Intents.PRIVILEGED).isEqualTo(33_026L);
        assertThat(Intents.KNOWN & ~Intents.PRIVILEGED).isEqualTo(53_575_421L);
    }

    @Test
    void detectsUnknownAndPrivilegedBits() {
        Intents plain = Intents.of(Intents.GUILDS, Intents.GUILD_MESSAGES);
        assertThat(plain.bits()).isEqualTo(513);
        assertThat(plain.unknownBits()).isZero();
        assertThat(plain.hasPrivileged()).isFalse();
        assertThat(new Intents(1L << 17).unknownBits()).isEqualTo(1L << 17);
        assertThat(Intents.of(Intents.MESSAGE_CONTENT).hasPrivileged()).isTrue();
        assertThat(plain.has(Intents.GUILDS)).isTrue();
        assertThat(plain.has(Intents.GUILD_MEMBERS)).isFalse();
    }

    @Test
    void rejectsNegativeBits() {
        assertThatThrownBy(() -> new Intents(-1)).hasMessageContaining("negative");
    }
}
