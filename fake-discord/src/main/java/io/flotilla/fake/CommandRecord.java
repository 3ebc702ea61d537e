package io.flotilla.fake;

import java.time.Instant;

/**
 * A gateway command a client sent on an authenticated connection and the fake accepted (op 3 presence, op 4 voice
 * state, op 8 request guild members, op 31 soundboard sounds, op 43 channel info), so a test can check that a
 * worker's command reached Discord.
 *
 * @param connectionId the connection it came on
 * @param shardId the shard that connection runs
 * @param op the opcode
 * @param data its {@code d}, as the client sent it (compact JSON)
 * @param at when the fake read it
 */
public record CommandRecord(long connectionId, int shardId, int op, String data, Instant at) {}
