package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeysTest {
    private final Keys keys = Keys.defaults("prod");

    @Test
    void cacheSessionAndCommandKeysFollowTheSeedsSchema() {
        assertThat(keys.guilds(3)).isEqualTo("g:cache:3:guild");
        assertThat(keys.members(3, "81384788765712384")).isEqualTo("g:cache:3:guild:81384788765712384:member");
        assertThat(keys.users()).isEqualTo("g:cache:user");
        assertThat(keys.shardCachePattern(3)).isEqualTo("g:cache:3:*");
        assertThat(keys.session(3)).isEqualTo("g:session:3");
        assertThat(keys.commands(3)).isEqualTo("g:command:3");
        assertThat(keys.rejectedCommands()).isEqualTo("g:command:rejected");
    }

    @Test
    void eventStreamsAreNamedByTheLowercasedEvent() {
        assertThat(keys.events("MESSAGE_CREATE")).isEqualTo("discord:event:message_create");
        assertThat(keys.events("MESSAGE_CREATE")).isSameAs(keys.events("MESSAGE_CREATE"));
    }

    @Test
    void clusterKeysAreScopedByGroup() {
        assertThat(keys.node("n1")).isEqualTo("g:cluster:prod:node:n1");
        assertThat(keys.leader()).isEqualTo("g:cluster:prod:leader");
        assertThat(keys.epoch()).isEqualTo("g:cluster:prod:epoch");
        assertThat(keys.assignment()).isEqualTo("g:cluster:prod:assignment");
        assertThat(keys.shardLease(7)).isEqualTo("g:cluster:prod:shard:7:lease");
        assertThat(keys.dedup("workers", 3, "abc", 42)).isEqualTo("g:dedup:workers:3:abc:42");
        assertThat(keys.deadLetters("workers")).isEqualTo("g:dead-letter:workers");
        assertThat(keys.identify(2)).isEqualTo("g:cluster:prod:identify:2");
        assertThat(keys.budget()).isEqualTo("g:cluster:prod:budget");
        assertThat(keys.identifyWaiting()).isEqualTo("g:cluster:prod:identify-waiting");
        assertThat(keys.identifyWaitingDeadlines()).isEqualTo("g:cluster:prod:identify-waiting:deadline");
        assertThat(keys.config()).isEqualTo("g:cluster:prod:config");
    }

    @Test
    void prefixesAreConfigurable() {
        Keys custom = new Keys("bot1", "q", "blue");
        assertThat(custom.guilds(0)).isEqualTo("bot1:cache:0:guild");
        assertThat(custom.events("READY")).isEqualTo("q:event:ready");
        assertThat(custom.leader()).isEqualTo("bot1:cluster:blue:leader");
    }

    @Test
    void aPrefixThatWouldBreakKeyPatternsIsRefused() {
        assertThatThrownBy(() -> new Keys("g*", "discord", "x")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new Keys("g", "", "x")).hasMessageContaining("queue prefix");
        assertThatThrownBy(() -> new Keys("g", "discord", "a b")).hasMessageContaining("group name");
    }
}
