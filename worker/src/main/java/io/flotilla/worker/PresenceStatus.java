package io.flotilla.worker;

/** The statuses Update Presence (op 3) accepts (GATEWAY.md section 7), with their wire value. */
public enum PresenceStatus {
    ONLINE("online"),
    DND("dnd"),
    IDLE("idle"),
    INVISIBLE("invisible"),
    OFFLINE("offline");

    private final String wire;

    PresenceStatus(String wire) {
        this.wire = wire;
    }

    /** The value of {@code d.status}. */
    public String wire() {
        return wire;
    }
}
