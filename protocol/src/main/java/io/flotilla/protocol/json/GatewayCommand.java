package io.flotilla.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.flotilla.protocol.Opcode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An outbound command a bot asks a shard to send: presence (op 3), voice state (op 4), guild members (op 8) or
 * soundboard sounds (op 31) (GATEWAY.md section 7). A value with the encoded payload.
 *
 * <p>Every payload is written by a JSON generator. JSON text from outside ({@link #of}'s {@code d}, presence
 * activities) is written as a raw value only after {@link #requireOneValue} proved it is exactly one JSON value:
 * text such as {@code {..},"op":2} would otherwise smuggle fields into the envelope, and {@code {..} }} would make
 * Discord close the connection with 4002.
 *
 * @param op the opcode
 * @param json the whole payload, {@code {"op":..,"d":..}}
 */
@SuppressWarnings("ArrayRecordComponent") // encoded once, never mutated after construction
public record GatewayCommand(Opcode op, byte[] json) {
    /** Discord closes with 4002 on any client payload larger than this (section 2). */
    public static final int MAX_BYTES = 4096;

    public GatewayCommand {
        requireCommand(op);
        if (json.length > MAX_BYTES) {
            throw new PayloadException(op + " command is " + json.length + " bytes, over Discord's limit of "
                    + MAX_BYTES + "; split it (e.g. fewer user_ids or activities)");
        }
    }

    /**
     * A command whose {@code d} is given as JSON text (a worker's command, validated by the node): written as a
     * raw value once proved to be exactly one JSON value without duplicate keys.
     *
     * @throws PayloadException when {@code dataJson} is not exactly one JSON value, or the payload is over 4096
     *     bytes
     * @throws IllegalArgumentException when {@code op} is not an outbound command
     */
    public static GatewayCommand of(Opcode op, String dataJson) {
        requireCommand(op);
        requireOneValue(dataJson, "d", null);
        return new GatewayCommand(op, PayloadWriter.write(json -> {
            json.writeNumberField("op", op.code());
            json.writeFieldName("d");
            json.writeRawValue(dataJson);
        }));
    }

    /** Op 3: status is online, dnd, idle, invisible or offline; activities as a raw JSON array. */
    public static GatewayCommand presence(String status, boolean afk, @Nullable Long since, String activitiesJson) {
        return new GatewayCommand(Opcode.PRESENCE_UPDATE, PayloadWriter.write(json -> {
            json.writeNumberField("op", 3);
            json.writeObjectFieldStart("d");
            json.writeFieldName("since");
            if (since == null) {
                json.writeNull();
            } else {
                json.writeNumber(since);
            }
            json.writeFieldName("activities");
            json.writeRawValue(requireOneValue(activitiesJson, "activities", JsonToken.START_ARRAY));
            json.writeStringField("status", status);
            json.writeBooleanField("afk", afk);
            json.writeEndObject();
        }));
    }

    /** Op 4: join, move (channelId) or leave (channelId null) a voice channel. */
    public static GatewayCommand voiceState(long guildId, @Nullable Long channelId, boolean mute, boolean deaf) {
        return new GatewayCommand(Opcode.VOICE_STATE_UPDATE, PayloadWriter.write(json -> {
            json.writeNumberField("op", 4);
            json.writeObjectFieldStart("d");
            json.writeStringField("guild_id", Long.toUnsignedString(guildId));
            json.writeFieldName("channel_id");
            if (channelId == null) {
                json.writeNull();
            } else {
                json.writeString(Long.toUnsignedString(channelId));
            }
            json.writeBooleanField("self_mute", mute);
            json.writeBooleanField("self_deaf", deaf);
            json.writeEndObject();
        }));
    }

    /** Op 8 by name prefix; {@code query ""} with limit 0 asks for every member. */
    public static GatewayCommand requestMembers(long guildId, String query, int limit, @Nullable String nonce) {
        return new GatewayCommand(Opcode.REQUEST_GUILD_MEMBERS, PayloadWriter.write(json -> {
            json.writeNumberField("op", 8);
            json.writeObjectFieldStart("d");
            json.writeStringField("guild_id", Long.toUnsignedString(guildId));
            json.writeStringField("query", query);
            json.writeNumberField("limit", limit);
            if (nonce != null) {
                json.writeStringField("nonce", nonce);
            }
            json.writeEndObject();
        }));
    }

    /** Op 8 by user ids (at most 100 results). */
    public static GatewayCommand requestMembers(long guildId, List<Long> userIds, @Nullable String nonce) {
        return new GatewayCommand(Opcode.REQUEST_GUILD_MEMBERS, PayloadWriter.write(json -> {
            json.writeNumberField("op", 8);
            json.writeObjectFieldStart("d");
            json.writeStringField("guild_id", Long.toUnsignedString(guildId));
            json.writeArrayFieldStart("user_ids");
            for (long id : userIds) {
                json.writeString(Long.toUnsignedString(id));
            }
            json.writeEndArray();
            if (nonce != null) {
                json.writeStringField("nonce", nonce);
            }
            json.writeEndObject();
        }));
    }

    /** Op 31: answered with one SOUNDBOARD_SOUNDS dispatch per guild. */
    public static GatewayCommand requestSoundboardSounds(List<Long> guildIds) {
        return new GatewayCommand(Opcode.REQUEST_SOUNDBOARD_SOUNDS, PayloadWriter.write(json -> {
            json.writeNumberField("op", 31);
            json.writeObjectFieldStart("d");
            json.writeArrayFieldStart("guild_ids");
            for (long id : guildIds) {
                json.writeString(Long.toUnsignedString(id));
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /**
     * Checks that {@code text} is exactly one JSON value (of the given kind when {@code start} is not null): no
     * trailing tokens, no second value, no duplicate keys (Discord and the validator could read different ones).
     * Returns the text.
     *
     * @throws PayloadException naming {@code what} and the problem
     */
    static String requireOneValue(String text, String what, @Nullable JsonToken start) {
        try (JsonParser parser = PayloadWriter.JSON.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first;
            try {
                first = parser.nextToken();
                if (first == null) {
                    throw new PayloadException(what + " is empty; give one JSON value");
                }
                if (start != null && first != start) {
                    throw new PayloadException(what + " must be a JSON " + kind(start) + ", not " + first);
                }
                parser.skipChildren();
            } catch (JsonProcessingException e) {
                throw new PayloadException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
            long end = parser.currentLocation().getCharOffset();
            try {
                if (parser.nextToken() != null) {
                    throw trailing(what, end);
                }
            } catch (JsonProcessingException e) {
                throw trailing(what, end);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string failed", e);
        }
    }

    private static PayloadException trailing(String what, long end) {
        return new PayloadException(what + " must be exactly one JSON value, but more follows after character " + end
                + "; remove what comes after the value");
    }

    private static String kind(JsonToken start) {
        return start == JsonToken.START_ARRAY ? "array" : start == JsonToken.START_OBJECT ? "object" : start.name();
    }

    private static void requireCommand(Opcode op) {
        if (!op.clientMaySend() || op == Opcode.IDENTIFY || op == Opcode.RESUME || op == Opcode.HEARTBEAT) {
            throw new IllegalArgumentException(op + " is not an outbound command; the shard sends it itself");
        }
    }

    @Override
    public String toString() {
        return "GatewayCommand[op=" + op + ", " + json.length + " bytes: "
                + new String(json, 0, Math.min(json.length, 120), StandardCharsets.UTF_8) + "]";
    }
}
