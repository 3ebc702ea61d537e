package io.flotilla.protocol;

/**
 * What a shard does after its connection ends (GATEWAY.md section 5.6). Immutable.
 */
public enum Recovery {
    /** Reconnect to resume_gateway_url and send op 6 Resume: the session is still alive. */
    RESUME,
    /** Reconnect to the /gateway/bot URL and send a new op 2 Identify: the session is gone. */
    IDENTIFY,
    /** Do not reconnect: retrying would burn identifies and fail the same way. An operator must act. */
    STOP
}
