package io.flotilla.gateway.policy;

import io.flotilla.gateway.SessionEnd;
import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.Recovery;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a shard does after a connection ended, as decided by {@link ReconnectPolicy}. A value.
 *
 * @param recovery RESUME, IDENTIFY or STOP
 * @param viaGatewayUrl connect to the /gateway/bot url (always for IDENTIFY; for RESUME after failed connects to
 *     resume_gateway_url), else to resume_gateway_url
 * @param delay how long to wait before connecting
 * @param why the cause, for the state change and the logs
 * @param endSession why the held session is over (tell the store, then identify), or null when it lives on
 * @param fatal the close code that stops the shard, or null
 */
public record ReconnectDecision(
        Recovery recovery,
        boolean viaGatewayUrl,
        Duration delay,
        String why,
        SessionEnd.@Nullable Reason endSession,
        @Nullable CloseCode fatal) {}
