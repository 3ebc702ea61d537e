package io.flotilla.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.protocol.Intents;
import io.flotilla.protocol.Opcode;
import io.flotilla.protocol.ShardId;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadWriterTest {
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void heartbeatCarriesTheLastSeqOrNull() {
        assertThat(text(PayloadWriter.heartbeat(Envelope.NO_SEQ))).isEqualTo("{\"op\":1,\"d\":null}");
        assertThat(text(PayloadWriter.heartbeat(42))).isEqualTo("{\"op\":1,\"d\":42}");
    }

    @Test
    void identifyHasEveryField() {
        IdentifyPayload identify = new IdentifyPayload(
                "tok", Intents.of(513), new ShardId(3, 16), "flotilla", 250, "{\"status\":\"idle\"}");
        String json = text(PayloadWriter.identify(identify));
        assertThat(json)
                .startsWith("{\"op\":2,\"d\":{\"token\":\"tok\",\"intents\":513,\"properties\":{\"os\":")
                .contains("\"browser\":\"flotilla\",\"device\":\"flotilla\"}")
                .contains("\"shard\":[3,16]")
                .contains("\"large_threshold\":250")
                .endsWith("\"presence\":{\"status\":\"idle\"}}}");
        assertThat(new IdentifyPayload("s3cret", Intents.of(1), new ShardId(0, 1), "f", 50, null).toString())
                .doesNotContain("s3cret");
    }

    @Test
    void resumeIsExact() {
        assertThat(text(PayloadWriter.resume("tok", "abc", 1337)))
                .isEqualTo("{\"op\":6,\"d\":{\"token\":\"tok\",\"session_id\":\"abc\",\"seq\":1337}}");
    }

    @Test
    void commandsEncodeTheirOpcodes() {
        assertThat(text(GatewayCommand.presence("dnd", false, null, "[]").json()))
                .isEqualTo("{\"op\":3,\"d\":{\"since\":null,\"activities\":[],\"status\":\"dnd\",\"afk\":false}}");
        assertThat(text(GatewayCommand.voiceState(1, null, true, false).json()))
                .isEqualTo("{\"op\":4,\"d\":{\"guild_id\":\"1\",\"channel_id\":null,\"self_mute\":true,"
                        + "\"self_deaf\":false}}");
        assertThat(text(GatewayCommand.requestMembers(-1L, "", 0, "n1").json()))
                .isEqualTo("{\"op\":8,\"d\":{\"guild_id\":\"18446744073709551615\",\"query\":\"\",\"limit\":0,"
                        + "\"nonce\":\"n1\"}}");
        assertThat(text(GatewayCommand.requestMembers(5, List.of(6L, 7L), null).json()))
                .isEqualTo("{\"op\":8,\"d\":{\"guild_id\":\"5\",\"user_ids\":[\"6\",\"7\"]}}");
        assertThat(text(GatewayCommand.requestSoundboardSounds(List.of(9L)).json()))
                .isEqualTo("{\"op\":31,\"d\":{\"guild_ids\":[\"9\"]}}");
    }

    @Test
    void commandsOver4096BytesAreRejectedBeforeSending() {
        List<Long> ids = Collections.nCopies(300, 123456789012345678L);
        assertThatThrownBy(() -> GatewayCommand.requestMembers(1, ids, null))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("over Discord's limit of 4096");
    }

    @Test
    void controlOpcodesAreNotCommands() {
        assertThatThrownBy(() -> new GatewayCommand(Opcode.IDENTIFY, new byte[2]))
                .hasMessageContaining("not an outbound command");
        assertThatThrownBy(() -> new GatewayCommand(Opcode.HELLO, new byte[2]))
                .hasMessageContaining("not an outbound command");
    }
}
