package io.flotilla.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpcodeTest {
    @Test
    void wireNumbersMatchSection3() {
        assertThat(Opcode.values()).extracting(Opcode::code).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 31, 43);
        for (Opcode op : Opcode.values()) {
            assertThat(Opcode.fromCode(op.code())).isSameAs(op);
        }
    }

    @Test
    void undocumentedNumbersAreNull() {
        assertThat(Opcode.fromCode(5)).isNull();
        assertThat(Opcode.fromCode(-1)).isNull();
        assertThat(Opcode.fromCode(44)).isNull();
        assertThat(Opcode.fromCode(1000)).isNull();
    }

    @Test
    void receiveOnlyOpcodesCannotBeSent() {
        assertThat(Opcode.HELLO.clientMaySend()).isFalse();
        assertThat(Opcode.DISPATCH.clientMaySend()).isFalse();
        assertThat(Opcode.HEARTBEAT.clientMaySend()).isTrue();
        assertThat(Opcode.REQUEST_GUILD_MEMBERS.clientMaySend()).isTrue();
    }
}
