package io.flotilla.fake.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the trees behind {@link World#guild} and {@link World#members}: the same bytes the events carry,
 * parsed back, so a snapshot can never disagree with the JSON a client saw. Slow by design (tests only).
 * Stateless; takes the guild's lock itself.
 */
final class Snapshots {

    private Snapshots() {}

    /** The plain guild plus {@code channels} and {@code threads}, both with {@code guild_id}. */
    static ObjectNode guild(GuildState guild) {
        guild.lock.lock();
        try {
            return JsonOutput.tree(JsonOutput.render(g -> {
                g.writeStartObject();
                guild.writeGuildFields(g);
                guild.writeChannelsAndThreads(g, guild.id);
                g.writeEndObject();
            }));
        } finally {
            guild.lock.unlock();
        }
    }

    /** Every member, by user id, each with its full user. */
    static Map<String, ObjectNode> members(GuildState guild, UserDirectory users) {
        Map<String, ObjectNode> members = new HashMap<>();
        guild.lock.lock();
        try {
            for (MemberState member : guild.members) {
                User user = users.get(member.userId);
                ObjectNode tree = JsonOutput.tree(JsonOutput.render(g -> member.write(g, user)));
                members.put(Long.toUnsignedString(member.userId), tree);
            }
        } finally {
            guild.lock.unlock();
        }
        return members;
    }
}
