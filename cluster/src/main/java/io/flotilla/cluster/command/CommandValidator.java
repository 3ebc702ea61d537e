package io.flotilla.cluster.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.worker.CommandFields;
import io.flotilla.worker.ShardRouting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Checks a worker's command entry before it may reach Discord: a known op (3, 4, 8, 31), a {@code d} that is a
 * JSON object of the right shape for that op (GATEWAY.md section 7), a payload of at most 4096 bytes (section
 * 2: Discord closes the connection on bigger ones), and guilds that belong to the shard it was sent to.
 *
 * <p>Stateless apart from settings; thread-safe.
 */
final class CommandValidator {
    static final int MAX_PAYLOAD_BYTES = io.flotilla.protocol.json.GatewayCommand.MAX_BYTES; // its one home

    private final ObjectMapper json;
    private final int shardTotal;

    CommandValidator(ObjectMapper json, int shardTotal) {
        this.json = json;
        this.shardTotal = shardTotal;
    }

    Verdict validate(int shard, String entryId, Map<String, String> fields) {
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
        Command command = Command.of(shard, op, data, entryId);
        if (command.payload().length > MAX_PAYLOAD_BYTES) {
            return rejected("payload is " + command.payload().length + " bytes, over Discord's limit of "
                    + MAX_PAYLOAD_BYTES + "; split it");
        }
        JsonNode d;
        try {
            d = json.readTree(data.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return rejected("d is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return rejected("d could not be read: " + e.getMessage());
        }
        if (d == null || !d.isObject()) {
            return rejected("d must be a JSON object for op " + op);
        }
        String problem = shape.problem(d);
        if (problem != null) {
            return rejected("op " + op + ": " + problem);
        }
        for (JsonNode guild : shape.guildIds(d)) {
            int owner = ShardRouting.shardOf(guild.asText(), shardTotal);
            if (owner != shard) {
                return rejected("guild " + guild.asText() + " belongs to shard " + owner + " of " + shardTotal
                        + ", not " + shard + "; route by (guild_id >>> 22) % shard_total");
            }
        }
        return new Verdict.Accepted(command);
    }

    private static Verdict rejected(String reason) {
        return new Verdict.Rejected(reason);
    }
}
