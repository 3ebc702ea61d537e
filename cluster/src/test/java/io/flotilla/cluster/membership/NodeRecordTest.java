package io.flotilla.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NodeRecordTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theJsonHasTheDocumentedFieldsAndReadsBack() throws Exception {
        NodeRecord record = new NodeRecord(
                "42",
                "node-a",
                "10.0.0.5:8080",
                2,
                true,
                new TreeSet<>(List.of(7, 0, 3)),
                Instant.ofEpochMilli(1000),
                Instant.ofEpochMilli(2000));

        String text = record.toJson(json);

        assertThat(json.readTree(text))
                .isEqualTo(json.readTree("{\"id\":\"42\",\"name\":\"node-a\",\"http\":\"10.0.0.5:8080\",\"capacity\":2,"
                        + "\"draining\":true,\"shards\":[0,3,7],\"started_at\":1000,\"updated_at\":2000}"));
        assertThat(NodeRecord.fromJson(json, text)).contains(record);
    }

    @Test
    void somethingElseIsNotARecord() {
        assertThat(NodeRecord.fromJson(json, "not json")).isEmpty();
        assertThat(NodeRecord.fromJson(json, "{\"name\":\"x\"}")).isEmpty();
    }
}
