package io.flotilla.cluster.identify;

import io.flotilla.cluster.session.SessionFields;
import io.flotilla.worker.GapFields;

/**
 * The Lua script behind {@link IdentifyTurns}: one attempt of one shard to take its bucket's slot, atomic in Redis.
 * In order: (1) registers the shard as waiting (zset member and score = shard id, deadline in a hash); (2) if a live
 * waiter of an earlier round (a smaller id than {@code round * M}) exists, answers EARLIER, after removing waiters
 * whose deadline passed (their node stopped); (3) if the bucket's slot is taken by another attempt, answers BUSY with
 * its PTTL; (4) if a budget is known, rolls it over when its reset passed and answers BUDGET when only the reserve is
 * left (or nothing), else decrements it; (5) takes the slot ({@code SET PX} with the attempt's token) and removes the
 * waiter. A slot already holding this attempt's token answers GRANTED again, so a retry after a lost reply is safe.
 *
 * (6) records the grant in the shard's session hash ({@link SessionFields#IDENTIFY_GRANTED}, removed when its READY
 * is committed); a grant still recorded there from before is an identify whose session, if Discord started one, was
 * never committed (its node died or was fenced between the READY and the commit), so it first appends a gap record
 * of an unknown session ({@code session} "", {@code committed_seq} -1, {@code at} the earlier grant's time). A grant
 * whose identify Discord refused, or that was never sent, gives such a record too: a possible loss, not a proven
 * one; the record says so.
 *
 * <p>KEYS: slot, budget, waiting zset, waiting deadlines, the shard's session hash, the gap stream. ARGV: shard, first id of its round, slot ms, now ms,
 * waiter deadline ms, reserve, spend-reserve (1/0), token, register-only (1/0: a shard's first call only registers,
 * so shards asked for together on all nodes are all waiting before any takes a slot; a shard the leader already
 * registered ({@link #EXPECT}) competes at once). Returns {code, value}.
 *
 * <p>{@link #EXPECT}: the leader's registration of a cold start's shards before it places them. KEYS: waiting zset,
 * waiting deadlines, then each shard's session hash; ARGV: waiter deadline ms, shard count, then the shard ids. A
 * shard whose stored session it will resume (same {@code shard_total}) is not registered. Returns how many were.
 */
final class IdentifyScript {
    static final long GRANTED = 0;
    static final long BUSY = 1;
    static final long EARLIER = 2;
    static final long BUDGET = 3;

    static final String SOURCE = """
            local shard = ARGV[1]
            local now = tonumber(ARGV[4])
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[8] then
              return {0, -1}
            end
            local expected = redis.call('ZSCORE', KEYS[3], shard)
            redis.call('ZADD', KEYS[3], tonumber(shard), shard)
            redis.call('HSET', KEYS[4], shard, ARGV[5])
            if ARGV[9] == '1' and not expected then return {2, -1} end
            while true do
              local first = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[2], 'LIMIT', 0, 1)
              if #first == 0 then break end
              local deadline = tonumber(redis.call('HGET', KEYS[4], first[1]) or '0')
              if deadline >= now then return {2, tonumber(first[1])} end
              redis.call('ZREM', KEYS[3], first[1])
              redis.call('HDEL', KEYS[4], first[1])
            end
            if holder then
              local ttl = redis.call('PTTL', KEYS[1])
              if ttl ~= 0 and ttl ~= -2 then return {1, ttl} end
            end
            local remaining = redis.call('HGET', KEYS[2], 'remaining')
            if remaining then
              remaining = tonumber(remaining)
              local resetAt = tonumber(redis.call('HGET', KEYS[2], 'reset_at') or '0')
              if now >= resetAt then
                remaining = tonumber(redis.call('HGET', KEYS[2], 'total') or remaining)
                while resetAt <= now do resetAt = resetAt + 86400000 end
                redis.call('HSET', KEYS[2], 'reset_at', string.format('%d', resetAt))
              end
              local keep = tonumber(ARGV[6])
              if ARGV[7] == '1' then keep = 0 end
              if remaining - keep <= 0 then
                redis.call('HSET', KEYS[2], 'remaining', remaining)
                return {3, remaining}
              end
              remaining = remaining - 1
              redis.call('HSET', KEYS[2], 'remaining', remaining)
            else
              remaining = -1
            end
            redis.call('SET', KEYS[1], ARGV[8], 'PX', ARGV[3])
            redis.call('ZREM', KEYS[3], shard)
            redis.call('HDEL', KEYS[4], shard)
            local before = redis.call('HGET', KEYS[5], '$GRANTED')
            if before then
              local at = string.match(before, '^(%d+)') or '0'
              redis.call('XADD', KEYS[6], '*', '$G_SHARD', shard, '$G_SESSION', '', '$G_COMMITTED', '-1',
                '$G_RECEIVED', '-1', '$G_REASON', 'IDENTIFY_NOT_COMMITTED: the identify granted then (' .. before
                .. ') has no committed READY; if Discord started a session, its events up to this identify are lost',
                '$G_AT', at)
            end
            redis.call('HSET', KEYS[5], '$GRANTED', ARGV[4] .. ' ' .. ARGV[8])
            return {0, remaining}
            """.replace("$GRANTED", SessionFields.IDENTIFY_GRANTED)
            .replace("$G_SHARD", GapFields.SHARD)
            .replace("$G_SESSION", GapFields.SESSION)
            .replace("$G_COMMITTED", GapFields.COMMITTED_SEQ)
            .replace("$G_RECEIVED", GapFields.RECEIVED_SEQ)
            .replace("$G_REASON", GapFields.REASON)
            .replace("$G_AT", GapFields.AT);

    static final String EXPECT = """
            local registered = 0
            for i = 3, #ARGV do
              if redis.call('HGET', KEYS[i], '%s') ~= ARGV[2] then
                redis.call('ZADD', KEYS[1], tonumber(ARGV[i]), ARGV[i])
                redis.call('HSET', KEYS[2], ARGV[i], ARGV[1])
                registered = registered + 1
              end
            end
            return registered
            """.formatted(SessionFields.SHARD_TOTAL);

    private IdentifyScript() {}
}
