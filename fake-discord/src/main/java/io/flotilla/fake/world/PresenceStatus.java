package io.flotilla.fake.world;

/**
 * A member's presence status as PRESENCE_UPDATE carries it (GATEWAY.md section 11.7), in wire order.
 * {@link #OFFLINE} members are the ones GUILD_CREATE leaves out of large guilds (section 11.1).
 */
enum PresenceStatus {
    ONLINE("online"),
    IDLE("idle"),
    DND("dnd"),
    OFFLINE("offline");

    private final String wire;

    PresenceStatus(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    boolean online() {
        return this != OFFLINE;
    }
}
