package io.flotilla.fake.world;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Guild-level traffic (GATEWAY.md sections 11.2, 11.5 and 11.9): GUILD_UPDATE (the plain guild, none of the
 * GUILD_CREATE extras), role create/update/delete, and GUILD_EMOJIS_UPDATE (the complete new emoji list).
 * Only roles nobody holds are deleted, and never {@code @everyone} or the bot's managed role. The caller holds
 * the guild's lock.
 *
 * <p>Not thread-safe: owned by one {@link EventGenerator}.
 */
final class GuildEvents {

    private static final int MAX_EMOJIS = 50;
    private static final int[] AFK_TIMEOUTS = {60, 300, 900, 1800, 3600};

    private final GeneratorContext context;

    GuildEvents(GeneratorContext context) {
        this.context = context;
    }

    byte[] guildUpdate(GuildState guild) {
        switch (context.rng.nextInt(5)) {
            case 0 -> guild.name = Names.guild(context.rng);
            case 1 -> guild.description = context.rng.nextBoolean() ? Names.sentence(context.rng) : null;
            case 2 -> guild.afkTimeout = AFK_TIMEOUTS[context.rng.nextInt(AFK_TIMEOUTS.length)];
            case 3 -> guild.icon = Names.imageHash(context.rng);
            default -> {
                guild.premiumSubscriptionCount =
                        Math.max(0, guild.premiumSubscriptionCount + context.rng.nextInt(-1, 3));
                guild.premiumTier = Math.min(3, guild.premiumSubscriptionCount / 7);
            }
        }
        return context.render(g -> {
            g.writeStartObject();
            guild.writeGuildFields(g);
            g.writeEndObject();
        });
    }

    byte @Nullable [] roleCreate(GuildState guild) {
        if (guild.roles.size() >= guild.roleCap) {
            return null;
        }
        int top = 0;
        for (RoleState role : guild.roles) {
            top = Math.max(top, role.position);
        }
        RoleState role = new RoleState(
                context.newGuildEntityId(guild), 0, "new role", 0, top + 1, RoleState.EVERYONE_PERMISSIONS);
        guild.roles.add(role);
        return roleEvent(guild, role);
    }

    byte[] roleUpdate(GuildState guild) {
        RoleState role = guild.roles.get(context.rng.nextInt(guild.roles.size()));
        boolean everyone = role.id == guild.id;
        switch (context.rng.nextInt(4)) {
            case 0 -> role.permissions ^= 1L << 14; // EMBED_LINKS, a harmless permission to flip
            case 1 -> role.mentionable = !role.mentionable;
            case 2 -> {
                if (!everyone) {
                    role.color = 0x100000 + context.rng.nextInt(0xEFFFFF);
                }
            }
            default -> {
                if (!everyone && !role.managed()) {
                    role.name = Names.role(context.rng, 100 + context.rng.nextInt(900));
                    role.hoist = !role.hoist;
                }
            }
        }
        return roleEvent(guild, role);
    }

    byte @Nullable [] roleDelete(GuildState guild) {
        List<RoleState> unheld = new ArrayList<>();
        for (RoleState role : guild.roles) {
            if (role.id != guild.id && !role.managed() && !heldByAnyone(guild, role.id)) {
                unheld.add(role);
            }
        }
        if (unheld.isEmpty()) {
            return null;
        }
        RoleState role = unheld.get(context.rng.nextInt(unheld.size()));
        guild.roles.remove(role);
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "guild_id", guild.id);
            JsonOutput.snowflake(g, "role_id", role.id);
            g.writeEndObject();
        });
    }

    /** Adds, removes or renames one emoji and sends the whole new list. */
    byte[] emojisUpdate(GuildState guild) {
        List<Emoji> emojis = new ArrayList<>(guild.emojis);
        int change = context.rng.nextInt(3);
        if (emojis.isEmpty() || (change == 0 && emojis.size() < MAX_EMOJIS)) {
            long id = context.newGuildEntityId(guild);
            emojis.add(new Emoji(id, Names.emoji(context.rng, emojis.size()), context.rng.nextInt(4) == 0));
        } else if (change == 1) {
            emojis.remove(context.rng.nextInt(emojis.size()));
        } else {
            int index = context.rng.nextInt(emojis.size());
            emojis.set(index, emojis.get(index).withName(Names.emoji(context.rng, 100 + context.rng.nextInt(900))));
        }
        guild.emojis = List.copyOf(emojis);
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "guild_id", guild.id);
            guild.writeEmojis(g);
            g.writeEndObject();
        });
    }

    private byte[] roleEvent(GuildState guild, RoleState role) {
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "guild_id", guild.id);
            g.writeFieldName("role");
            role.write(g);
            g.writeEndObject();
        });
    }

    private static boolean heldByAnyone(GuildState guild, long roleId) {
        for (MemberState member : guild.members) {
            if (member.hasRole(roleId)) {
                return true;
            }
        }
        return false;
    }
}
