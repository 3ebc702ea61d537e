package io.flotilla.cluster.commit;

/**
 * One dispatch as the shard received it (GATEWAY.md 5.5): its sequence number, the session it arrived in, the
 * event name and the raw bytes of {@code d}, never re-encoded.
 *
 * @param seq the dispatch's {@code s}
 * @param session the session id it arrived in
 * @param type the event name ({@code t})
 * @param data the raw JSON of {@code d}; not modified after handing it over
 * @param receivedAt receive time, epoch ms
 */
@SuppressWarnings("ArrayRecordComponent") // the raw bytes are handed over, never compared or copied
public record Dispatch(long seq, String session, String type, byte[] data, long receivedAt) {}
