package io.flotilla.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.protocol.Opcode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Commands whose JSON comes from outside: nothing may be spliced into the envelope (issue 12 item 10). */
class GatewayCommandTest {

    @Test
    void wrapsExactlyOneValueAsD() {
        GatewayCommand command = GatewayCommand.of(Opcode.REQUEST_SOUNDBOARD_SOUNDS, " {\"guild_ids\":[\"1\"]} ");
        assertThat(new String(command.json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"op\":31,\"d\": {\"guild_ids\":[\"1\"]} }");
    }

    @Test
    void refusesASecondValueOrTrailingTokens() {
        // The two crafted commands of issue 12 item 10: extra envelope fields, and a stray close brace (4002).
        assertThatThrownBy(
                        () -> GatewayCommand.of(Opcode.REQUEST_GUILD_MEMBERS, "{\"guild_id\":\"1\"},\"op\":2,\"x\":{}"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("d must be exactly one JSON value");
        assertThatThrownBy(() -> GatewayCommand.of(Opcode.REQUEST_GUILD_MEMBERS, "{\"guild_id\":\"1\"} }"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("exactly one JSON value");
        assertThatThrownBy(() -> GatewayCommand.of(Opcode.PRESENCE_UPDATE, "{} {}"))
                .hasMessageContaining("exactly one JSON value");
    }

    @Test
    void refusesBrokenEmptyOrAmbiguousJson() {
        assertThatThrownBy(() -> GatewayCommand.of(Opcode.PRESENCE_UPDATE, "{\"since\":"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("d is not valid JSON");
        assertThatThrownBy(() -> GatewayCommand.of(Opcode.PRESENCE_UPDATE, "  "))
                .hasMessageContaining("d is empty");
        assertThatThrownBy(
                        () -> GatewayCommand.of(Opcode.VOICE_STATE_UPDATE, "{\"guild_id\":\"1\",\"guild_id\":\"2\"}"))
                .as("duplicate keys: Discord and the validator might each read a different one")
                .hasMessageContaining("Duplicate field 'guild_id'");
    }

    @Test
    void refusesControlOpcodesAndOversizedPayloads() {
        assertThatThrownBy(() -> GatewayCommand.of(Opcode.IDENTIFY, "{}")).hasMessageContaining("not an outbound");
        assertThatThrownBy(() -> GatewayCommand.of(Opcode.PRESENCE_UPDATE, "\"" + "x".repeat(4100) + "\""))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("over Discord's limit of 4096");
    }

    @Test
    void presenceActivitiesMustBeOneArray() {
        assertThatThrownBy(() -> GatewayCommand.presence("online", false, null, "[],\"op\":2"))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("activities must be exactly one JSON value");
        assertThatThrownBy(() -> GatewayCommand.presence("online", false, null, "{}"))
                .hasMessageContaining("activities must be a JSON array");
        assertThat(GatewayCommand.presence("online", false, null, "[{\"name\":\"x\",\"type\":0}]")
                        .json())
                .isNotEmpty();
    }
}
