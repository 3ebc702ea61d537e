package io.flotilla.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlDataTest {
    private static Envelope decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new EnvelopeDecoder().decode(bytes, 0, bytes.length);
    }

    @Test
    void readsHelloInterval() {
        assertThat(ControlData.heartbeatInterval(decode("{\"op\":10,\"d\":{\"x\":[1],\"heartbeat_interval\":41250}}")))
                .isEqualTo(41250);
        assertThatThrownBy(() -> ControlData.heartbeatInterval(decode("{\"op\":10,\"d\":{}}")))
                .hasMessageContaining("no heartbeat_interval");
    }

    @Test
    void readsReadySessionSkippingEverythingElse() {
        ReadyInfo ready = ControlData.ready(decode("{\"t\":\"READY\",\"s\":1,\"op\":0,\"d\":{\"v\":10,"
                + "\"user\":{\"id\":\"1\",\"session_id\":\"nested\"},\"guilds\":[{\"id\":\"2\",\"unavailable\":true}],"
                + "\"session_id\":\"abc\",\"resume_gateway_url\":\"wss://resume.example\"}}"));
        assertThat(ready).isEqualTo(new ReadyInfo("abc", "wss://resume.example"));
        assertThatThrownBy(() -> ControlData.ready(decode("{\"op\":0,\"d\":{\"session_id\":\"a\"}}")))
                .hasMessageContaining("resume_gateway_url");
    }
}
