package io.flotilla.gateway.policy;

/**
 * What one connection of a shard achieved, as the shard saw it: the facts {@link ReconnectPolicy} needs besides
 * the {@link ConnectionEnd}. A value.
 *
 * @param hasSession the shard held a session (id and resume url) when the connection ended
 * @param reachedServer the server spoke on it (HELLO, or op 7/9 before HELLO): a failure before that is a failed
 *     connect (TCP refused, handshake failure, no HELLO), which says nothing about the session
 * @param sentResume the shard sent RESUME on it
 * @param wentLive the session became live (READY or RESUMED) on it
 */
public record Attempt(boolean hasSession, boolean reachedServer, boolean sentResume, boolean wentLive) {}
