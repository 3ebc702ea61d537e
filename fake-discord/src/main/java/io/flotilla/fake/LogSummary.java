package io.flotilla.fake;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * {@code GET /control/log}: the fake's log as JSON, per shard (dispatches written, most concurrent
 * connections) and every connection, identify, resume and violation. Per-dispatch records are counted, not
 * listed. Stateless.
 */
final class LogSummary {

    private LogSummary() {}

    static byte[] render(FakeDiscord fake) {
        FakeLog log = fake.log();
        return Payloads.write(json -> {
            json.writeStartObject();
            json.writeNumberField("chaos_faults", fake.chaosFaults());
            json.writeArrayFieldStart("shards");
            for (int shard = 0; shard < fake.config().world().shardCount(); shard++) {
                json.writeStartObject();
                json.writeNumberField("id", shard);
                json.writeNumberField(
                        "dispatches_written", log.dispatches(shard).size());
                json.writeNumberField("max_concurrent_connections", log.maxConcurrentConnections(shard));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("connections");
            for (ConnectionRecord c : log.connections()) {
                json.writeStartObject();
                json.writeNumberField("id", c.id());
                json.writeStringField("path", c.path());
                json.writeStringField("v", c.version());
                json.writeStringField("encoding", c.encoding());
                json.writeStringField("compress", c.compress());
                json.writeStringField("end", c.end().name());
                json.writeNumberField("close_code", c.closeCode());
                json.writeStringField("reason", c.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeIdentifies(json, log);
            writeResumes(json, log);
            json.writeArrayFieldStart("violations");
            for (Violation v : log.violations()) {
                json.writeStartObject();
                json.writeNumberField("connection", v.connectionId());
                json.writeNumberField("close_code", v.closeCode());
                json.writeStringField("reason", v.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeIdentifies(JsonGenerator json, FakeLog log) throws IOException {
        json.writeArrayFieldStart("identifies");
        for (IdentifyRecord i : log.identifies()) {
            json.writeStartObject();
            json.writeNumberField("connection", i.connectionId());
            json.writeNumberField("shard_id", i.shardId());
            json.writeNumberField("shard_count", i.shardCount());
            json.writeStringField("session_id", i.sessionId());
            json.writeStringField("outcome", i.outcome());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeResumes(JsonGenerator json, FakeLog log) throws IOException {
        json.writeArrayFieldStart("resumes");
        for (ResumeRecord r : log.resumes()) {
            json.writeStartObject();
            json.writeNumberField("connection", r.connectionId());
            json.writeStringField("path", r.path());
            json.writeStringField("session_id", r.sessionId());
            json.writeNumberField("seq", r.seq());
            json.writeNumberField("shard_id", r.shardId());
            json.writeStringField("outcome", r.outcome());
            json.writeNumberField("replayed", r.replayed());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
