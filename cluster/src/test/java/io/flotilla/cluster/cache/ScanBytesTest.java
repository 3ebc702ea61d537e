package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A name compared as two overlapping words matches exactly the tokens a byte comparison matches. */
class ScanBytesTest {

    @Test
    void aNameMatchesItsOwnBytesOnlyAtAnyLengthAndPlace() {
        for (String field : new String[] {"id", "user", "member", "guild_id", "webhook_id", "fourteen_chars"}) {
            ScanBytes.Name name = ScanBytes.name(field);
            String quoted = "\"" + field + "\"";
            assertThat(matches(name, "xx" + quoted + "yy", 2, 2 + quoted.length()))
                    .as(field)
                    .isTrue();
            for (int k = 1; k < quoted.length() - 1; k++) { // each inner byte changed once
                String changed = quoted.substring(0, k) + (char) (quoted.charAt(k) ^ 1) + quoted.substring(k + 1);
                assertThat(matches(name, changed, 0, changed.length()))
                        .as(changed)
                        .isFalse();
            }
            assertThat(matches(name, quoted + "z", 0, quoted.length() + 1))
                    .as("longer")
                    .isFalse();
        }
    }

    @Test
    void aNameTheTwoWordsCannotCoverIsRefused() {
        assertThatThrownBy(() -> ScanBytes.name("fifteen_letters")).hasMessageContaining("4 to 16 bytes");
        assertThatThrownBy(() -> ScanBytes.name("")).hasMessageContaining("was 2");
    }

    private static boolean matches(ScanBytes.Name name, String text, int from, int to) {
        return ScanBytes.is(text.getBytes(StandardCharsets.US_ASCII), from, to, name);
    }
}
