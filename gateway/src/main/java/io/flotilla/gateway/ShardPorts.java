package io.flotilla.gateway;

/**
 * The three ports a shard talks to, bundled. A value; the implementations are shared by many shards and must be
 * thread-safe.
 *
 * @param identifyGate paces identifies across the cluster
 * @param sessionStore keeps sessions for resume and hand-off
 * @param sink receives dispatches with backpressure
 */
public record ShardPorts(IdentifyGate identifyGate, SessionStore sessionStore, DispatchSink sink) {}
