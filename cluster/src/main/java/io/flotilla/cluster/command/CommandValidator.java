package io.flotilla.cluster.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.protocol.Opcode;
import io.flotilla.protocol.Snowflake;
import io.flotilla.protocol.json.GatewayCommand;
import io.flotilla.protocol.json.PayloadException;
import io.flotilla.worker.CommandFields;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks a worker's command entry before it may reach Discord: not stale (written at most {@code maxAge} ago,
 * judged by the stream entry id's time against the injected clock, so commands queued before a restart or a
 * hand-off are not sent minutes late), a known op (3, 4, 8, 31), a {@code d} that is exactly one JSON value (no
 * trailing tokens, no duplicate keys: {@link GatewayCommand#of}), an object of the right shape for that op
 * (GATEWAY.md section 7), a payload of at most 4096 bytes (section 2: Discord closes the connection on bigger
 * ones), and guilds that belong to the shard it was sent to. The payload is written by
 * {@link GatewayCommand#of}'s JSON generator, never by concatenating text.
 *
 * <p>Stateless apart from settings; thread-safe.
 */
final class CommandValidator {
    /** Discord's limit on one client payload (GATEWAY.md section 2); its one home is {@link GatewayCommand}. */
    static final int MAX_PAYLOAD_BYTES = GatewayCommand.MAX_BYTES;

    private final ObjectMapper json;
    private final int shardTotal;
    private final InstantSource clock;
    private final Duration maxAge;

    CommandValidator(ObjectMapper json, int shardTotal, InstantSource clock, Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the command age limit must be positive, was " + maxAge);
        }
        this.json = json;
        this.shardTotal = shardTotal;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** @param entryId the stream entry id ({@code <ms>-<n>}), or "" for a command the node made itself */
    Verdict validate(int shard, String entryId, Map<String, String> fields) {
        String stale = staleness(entryId);
        if (stale != null) {
            return rejected(stale);
        }
        String opText = fields.get(CommandFields.OP);
        String data = fields.get(CommandFields.DATA);
        if (opText == null) {
            return rejected("no 'op' field; send {op, d}");
        }
        if (data == null) {
            return rejected("no 'd' field; send {op, d}");
        }
        int op;
        try {
            op = Integer.parseInt(opText.trim());
        } catch (NumberFormatException e) {
            return rejected("op '" + opText + "' is not a number; use 3, 4, 8 or 31");
        }
        CommandShape shape = CommandShape.of(op);
        if (shape == null) {
            return rejected("unknown op " + op + "; workers may send 3 (presence), 4 (voice state), 8 (request guild"
                    + " members) or 31 (soundboard sounds)");
        }
        if (data.length() > MAX_PAYLOAD_BYTES) { // chars <= UTF-8 bytes: too big whatever it holds
            return tooBig(data.length());
        }
        GatewayCommand payload;
        try {
            payload = GatewayCommand.of(Objects.requireNonNull(Opcode.fromCode(op)), data);
        } catch (PayloadException e) {
            return rejected(String.valueOf(e.getMessage())); // names the problem: trailing value, size, ...
        }
        JsonNode d;
        try {
            d = json.readTree(data); // proved to be one value above
        } catch (JsonProcessingException e) {
            return rejected("d is not valid JSON: " + e.getOriginalMessage());
        }
        if (d == null || !d.isObject()) {
            return rejected("d must be a JSON object for op " + op);
        }
        String problem = shape.problem(d);
        if (problem != null) {
            return rejected("op " + op + ": " + problem);
        }
        for (JsonNode guild : shape.guildIds(d)) {
            int owner = Snowflake.shardOf(Snowflake.parse(guild.asText()), shardTotal);
            if (owner != shard) {
                return rejected("guild " + guild.asText() + " belongs to shard " + owner + " of " + shardTotal
                        + ", not " + shard + "; route by (guild_id >>> 22) % shard_total");
            }
        }
        return new Verdict.Accepted(new Command(shard, op, payload.json(), entryId));
    }

    /** Why the entry is too old to send, or null. Redis's clock ahead of ours is not a reason to refuse. */
    private @Nullable String staleness(String entryId) {
        if (entryId.isEmpty()) {
            return null;
        }
        int dash = entryId.indexOf('-');
        long writtenAt;
        try {
            writtenAt = Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
        } catch (NumberFormatException e) {
            return "entry id '" + entryId + "' is not a stream id (<ms>-<n>); let Redis choose the id (XADD ... *)";
        }
        Duration age = Duration.ofMillis(clock.millis() - writtenAt);
        if (age.compareTo(maxAge) <= 0) {
            return null;
        }
        return "stale: written " + age.toSeconds() + " s ago, older than the " + maxAge.toSeconds()
                + " s limit; commands are not sent after a restart";
    }

    private static Verdict tooBig(int bytes) {
        return rejected(
                "payload is " + bytes + " bytes or more, over Discord's limit of " + MAX_PAYLOAD_BYTES + "; split it");
    }

    private static Verdict rejected(String reason) {
        return new Verdict.Rejected(reason);
    }
}
