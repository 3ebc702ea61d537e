package io.flotilla.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * One dispatch read from an event stream. {@link #data()} is {@code d} byte for byte as Discord sent it;
 * {@link #json()} parses it on demand (each call parses again: keep the tree).
 *
 * @param stream the stream key it was read from
 * @param id the stream entry id, for {@link EventConsumer#ack(Event)}
 * @param shard the shard that received it
 * @param session the gateway session it arrived in
 * @param seq its sequence number in that session; {@code (shard, session, seq)} identifies it
 * @param type the event name, e.g. {@code MESSAGE_CREATE}
 * @param data the raw JSON of the dispatch's {@code d}
 * @param receivedAt when the shard received it, epoch ms
 */
public record Event(
        String stream, String id, int shard, String session, long seq, String type, String data, long receivedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code d} as a Jackson tree, parsed now.
     *
     * @throws IllegalStateException when {@code d} is not JSON (the node queues what Discord sent; this means the
     *     entry was written by something else)
     */
    public JsonNode json() {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "d of entry " + id + " in " + stream + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code d.guild_id}, when the event has one (most do; DMs, READY and user updates do not). */
    public Optional<String> guildId() {
        JsonNode guild = json().get("guild_id");
        return guild != null && guild.isTextual() ? Optional.of(guild.asText()) : Optional.empty();
    }

    /** Reads an entry's fields; throws IllegalArgumentException naming the field when one is missing or bad. */
    static Event fromEntry(String stream, String id, Map<String, String> fields) {
        return new Event(
                stream,
                id,
                (int) number(fields, EventFields.SHARD, stream, id),
                text(fields, EventFields.SESSION, stream, id),
                number(fields, EventFields.SEQ, stream, id),
                text(fields, EventFields.TYPE, stream, id),
                text(fields, EventFields.DATA, stream, id),
                number(fields, EventFields.RECEIVED_AT, stream, id));
    }

    private static String text(Map<String, String> fields, String name, String stream, String id) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("entry " + id + " of " + stream + " has no field '" + name + "'");
        }
        return value;
    }

    private static long number(Map<String, String> fields, String name, String stream, String id) {
        String value = text(fields, name, stream, id);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "entry " + id + " of " + stream + " has a non-numeric '" + name + "': " + value, e);
        }
    }
}
