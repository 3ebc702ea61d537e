package io.flotilla.node;

import io.flotilla.protocol.Snowflake;
import io.flotilla.worker.CommandSender;
import io.flotilla.worker.GatewayCommands;
import io.flotilla.worker.Presence;

/**
 * The gateway commands the soak's command-sending worker ({@link SoakWorker}) writes to {@code g:command:<shard>}
 * while the faults run, each carrying a unique nonce the checker ({@link CommandChecks}) finds again: in the fake's
 * log of received commands (op 3: the activity's name; op 8: the request's nonce) or in a rejected entry's
 * {@code d}. Valid kinds go through the worker SDK's {@link GatewayCommands}; invalid ones are written raw, as a
 * buggy worker would, and must land in {@code g:command:rejected} with a reason.
 */
enum SoakCommand {
    /** Op 3 on one shard; the activity's name is the nonce. */
    PRESENCE(true, 3),
    /** Op 8 by name prefix (not the all-members form the fake limits per guild) with the nonce. */
    MEMBERS(true, 3),
    /** Op 99: no such command. */
    UNKNOWN_OP(false, 1),
    /** Op 8 written to the command stream of a shard that does not own the guild. */
    WRONG_SHARD(false, 1),
    /** Op 3 whose {@code d} is cut off in the middle. */
    BROKEN_JSON(false, 1);

    /** The prefix of every nonce, so the checker tells the soak's commands from any other. */
    static final String NONCE_PREFIX = "soak-";

    private final boolean valid;
    private final int weight;

    SoakCommand(boolean valid, int weight) {
        this.valid = valid;
        this.weight = weight;
    }

    /** Whether the node must send it (valid) or reject it with a reason (invalid). */
    boolean valid() {
        return valid;
    }

    /** The kind a draw of {@code 0 <= roll < total()} lands on. */
    static SoakCommand pick(int roll) {
        int left = roll;
        for (SoakCommand kind : values()) {
            if (left < kind.weight) {
                return kind;
            }
            left -= kind.weight;
        }
        throw new IllegalArgumentException("roll " + roll + " is not below " + total());
    }

    static int total() {
        int total = 0;
        for (SoakCommand kind : values()) {
            total += kind.weight;
        }
        return total;
    }

    /**
     * Writes this command about {@code guild} (its shard's stream, or another one for {@link #WRONG_SHARD});
     * returns the entry id.
     */
    String send(GatewayCommands commands, CommandSender raw, int shards, String guild, String nonce) {
        int shard = Snowflake.shardOf(Snowflake.parse(guild), shards);
        return switch (this) {
            case PRESENCE -> commands.presence(shard, Presence.online(Presence.Activity.playing(nonce)));
            case MEMBERS -> commands.requestMembers(guild, "a", 5, nonce);
            case UNKNOWN_OP -> raw.sendToShard(shard, 99, "{\"nonce\":\"" + nonce + "\"}");
            case WRONG_SHARD ->
                raw.sendToShard(
                        (shard + 1) % shards,
                        CommandSender.REQUEST_GUILD_MEMBERS,
                        "{\"guild_id\":\"" + guild + "\",\"query\":\"a\",\"limit\":5,\"nonce\":\"" + nonce + "\"}");
            case BROKEN_JSON -> raw.sendToShard(shard, CommandSender.PRESENCE_UPDATE, "{\"nonce\":\"" + nonce + "\",");
        };
    }
}
