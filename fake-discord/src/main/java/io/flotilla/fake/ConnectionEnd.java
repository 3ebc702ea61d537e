package io.flotilla.fake;

/** How a gateway connection ended. */
public enum ConnectionEnd {
    /** Still open. */
    OPEN,
    /** The client sent a close frame; its code is recorded. */
    CLIENT_CLOSED,
    /** The fake sent a close frame (a protocol violation, a timer or a fault); its code is recorded. */
    SERVER_CLOSED,
    /** The fake cut TCP without a close frame (the drop fault). */
    SERVER_DROPPED,
    /** TCP ended without any close frame, from the client's side. */
    LOST
}
