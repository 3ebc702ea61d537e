package io.flotilla.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerAuthTest {
    private final BearerAuth auth = new BearerAuth("s3cret-token");

    @Test
    void theRightBearerTokenIsAllowed() {
        assertThat(auth.allows("Bearer s3cret-token")).isTrue();
        assertThat(auth.allows("bearer s3cret-token"))
                .as("the scheme is case-insensitive")
                .isTrue();
    }

    @Test
    void noHeaderAnotherSchemeOrAnotherTokenIsRefused() {
        assertThat(auth.allows(null)).isFalse();
        assertThat(auth.allows("")).isFalse();
        assertThat(auth.allows("Bearer ")).isFalse();
        assertThat(auth.allows("Basic s3cret-token")).isFalse();
        assertThat(auth.allows("s3cret-token")).isFalse();
        assertThat(auth.allows("Bearer s3cret-toke")).as("a prefix").isFalse();
        assertThat(auth.allows("Bearer s3cret-token2")).as("longer").isFalse();
        assertThat(auth.allows("Bearer S3CRET-TOKEN"))
                .as("the token is case-sensitive")
                .isFalse();
    }

    @Test
    void theTokenNeverShowsInItsText() {
        assertThat(auth.toString()).doesNotContain("s3cret");
    }

    @Test
    void anEmptyTokenIsAMistake() {
        assertThatThrownBy(() -> new BearerAuth("")).isInstanceOf(IllegalArgumentException.class);
    }
}
