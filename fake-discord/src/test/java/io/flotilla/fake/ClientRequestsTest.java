package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.world.MemberRequest;
import org.junit.jupiter.api.Test;

/** Shape checks of client payloads: what passes, and which close code each mistake gets. */
class ClientRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void identifyDefaultsShardAndLargeThreshold() throws Exception {
        IdentifyRequest request = IdentifyRequest.parse(json("{\"token\":\"t\",\"intents\":513,\"properties\":{}}"));

        assertThat(request.shard()).isEqualTo(new ShardKey(0, 1));
        assertThat(request.largeThreshold()).isEqualTo(50);
        assertThat(request.toString()).doesNotContain("\"t\"").doesNotContain("token");
    }

    @Test
    void identifyMistakesMapToTheirCloseCodes() {
        assertCode(CloseCode.UNKNOWN_OPCODE, () -> IdentifyRequest.parse(json("{\"intents\":1,\"properties\":{}}")));
        assertCode(
                CloseCode.INVALID_INTENTS,
                () -> IdentifyRequest.parse(json("{\"token\":\"t\",\"intents\":\"all\",\"properties\":{}}")));
        assertCode(
                CloseCode.INVALID_SHARD,
                () -> IdentifyRequest.parse(json("{\"token\":\"t\",\"intents\":1,\"properties\":{},\"shard\":[1]}")));
    }

    @Test
    void resumeNeedsAnIntegerSeq() {
        assertCode(
                CloseCode.INVALID_SEQ,
                () -> ResumeRequest.parse(json("{\"token\":\"t\",\"session_id\":\"s\",\"seq\":null}")));
        assertCode(CloseCode.UNKNOWN_OPCODE, () -> ResumeRequest.parse(json("{\"token\":\"t\",\"seq\":1}")));
    }

    @Test
    void memberRequestTakesQueryOrUserIdsNotBoth() throws Exception {
        MemberRequest byQuery = ClientRequests.memberRequest(
                json("{\"guild_id\":\"1\",\"query\":\"\",\"limit\":0,\"nonce\":\"n\",\"presences\":true}"));
        assertThat(byQuery.query()).isEmpty();
        assertThat(byQuery.nonce()).isEqualTo("n");
        assertThat(byQuery.presences()).isTrue();

        MemberRequest byIds = ClientRequests.memberRequest(json("{\"guild_id\":\"1\",\"user_ids\":\"5\"}"));
        assertThat(byIds.userIds()).containsExactly("5");
        assertThat(byIds.query()).isNull();

        assertCode(CloseCode.UNKNOWN_OPCODE, () -> ClientRequests.memberRequest(json("{\"guild_id\":\"1\"}")));
        assertCode(
                CloseCode.UNKNOWN_OPCODE,
                () -> ClientRequests.memberRequest(json("{\"guild_id\":[\"1\",\"2\"],\"query\":\"\",\"limit\":0}")));
        assertCode(
                CloseCode.UNKNOWN_OPCODE,
                () -> ClientRequests.memberRequest(json("{\"guild_id\":\"1\",\"query\":\"a\"}")));
    }

    @Test
    void aNonceOverThirtyTwoBytesIsDropped() throws Exception {
        MemberRequest request = ClientRequests.memberRequest(
                json("{\"guild_id\":\"1\",\"query\":\"a\",\"limit\":5,\"nonce\":\"" + "x".repeat(33) + "\"}"));

        assertThat(request.nonce()).isNull();
    }

    @Test
    void heartbeatTakesAnIntegerOrNull() throws Exception {
        ClientRequests.heartbeat(json("12"));
        ClientRequests.heartbeat(json("null"));
        ClientRequests.heartbeat(null);
        assertCode(CloseCode.UNKNOWN_OPCODE, () -> ClientRequests.heartbeat(json("\"12\"")));
    }

    @Test
    void restRoutesDropTheApiPrefixAndVersion() {
        assertThat(RestApi.route("/api/v10/gateway/bot")).isEqualTo("/gateway/bot");
        assertThat(RestApi.route("/api/v9/users/@me")).isEqualTo("/users/@me");
        assertThat(RestApi.route("/api/gateway/")).isEqualTo("/gateway");
        assertThat(RestApi.route("/api/v8/gateway")).isEqualTo("/v8/gateway");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertCode(CloseCode code, Parse parse) {
        assertThatThrownBy(parse::run)
                .isInstanceOf(ProtocolViolation.class)
                .satisfies(e -> assertThat(((ProtocolViolation) e).closeCode()).isEqualTo(code));
    }

    @FunctionalInterface
    private interface Parse {
        void run() throws ProtocolViolation;
    }
}
