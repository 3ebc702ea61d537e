package io.flotilla.protocol.json;

/**
 * The two READY fields a shard must keep to resume (GATEWAY.md section 5.4). A value.
 *
 * @param sessionId session_id
 * @param resumeGatewayUrl resume_gateway_url
 */
public record ReadyInfo(String sessionId, String resumeGatewayUrl) {}
