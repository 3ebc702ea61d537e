package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.local.InMemorySessionStore;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.flotilla.protocol.json.ReadyInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sequence rules of GATEWAY.md section 14 item 4. */
class ShardSessionTest {
    private final ShardId shard = new ShardId(2, 4);
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final ShardSession session = new ShardSession(shard, store);

    private static Envelope frame(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new EnvelopeDecoder().decode(bytes, 0, bytes.length);
    }

    @Test
    void aNullSequenceNeverOverwritesTheLastOne() {
        session.sequence(frame("{\"op\":0,\"s\":41,\"t\":\"MESSAGE_CREATE\",\"d\":{}}"));
        session.sequence(frame("{\"op\":11,\"s\":null,\"t\":null,\"d\":null}"));
        session.sequence(frame("{\"op\":0,\"t\":\"X\",\"d\":{}}"));
        assertThat(session.seq()).isEqualTo(41);
    }

    @Test
    void replayedEventsKeepTheirOwnSequence() {
        session.sequence(frame("{\"op\":0,\"s\":10,\"t\":\"A\",\"d\":{}}"));
        session.sequence(frame("{\"op\":0,\"s\":8,\"t\":\"A\",\"d\":{}}"));
        assertThat(session.seq()).isEqualTo(8);
    }

    @Test
    void anEndedSessionLeavesNothingBehindAndTellsTheStoreWhy() {
        session.started(new ReadyInfo("abc", "wss://resume"));
        session.sequence(frame("{\"op\":0,\"s\":5,\"t\":\"READY\",\"d\":{}}"));
        session.save();
        assertThat(store.get(shard)).isEqualTo(new StoredSession("abc", 5, "wss://resume", 4));

        session.end(SessionEnd.Reason.INVALIDATED);
        assertThat(session.seq()).isEqualTo(Envelope.NO_SEQ);
        assertThat(session.id()).isNull();
        assertThat(session.resumeUrl()).isNull();
        assertThat(session.snapshot()).isNull();
        assertThat(store.get(shard)).isNull();
        assertThat(store.ends()).containsExactly(new SessionEnd("abc", 5, SessionEnd.Reason.INVALIDATED));
    }

    @Test
    void aRewindLowersTheSeqOnlyWhenTheStoreIsBehind() {
        session.started(new ReadyInfo("abc", "wss://resume"));
        session.sequence(frame("{\"op\":0,\"s\":50,\"t\":\"X\",\"d\":{}}"));
        assertThat(session.rewind(50)).isFalse();
        assertThat(session.rewind(60)).isFalse();
        assertThat(session.rewind(20)).isTrue();
        assertThat(session.seq()).isEqualTo(20);
        assertThat(session.committedFloor()).isEqualTo(20);
    }

    @Test
    void adoptsOnlyASessionOfTheSameShardCount() {
        session.adopt(new StoredSession("old", 9, "wss://r", 8));
        assertThat(session.resumeUrl()).isNull();
        session.adopt(new StoredSession("abc", 9, "wss://r", 4));
        assertThat(session.resumeUrl()).isEqualTo("wss://r");
        assertThat(session.snapshot()).isEqualTo(new StoredSession("abc", 9, "wss://r", 4));
    }
}
