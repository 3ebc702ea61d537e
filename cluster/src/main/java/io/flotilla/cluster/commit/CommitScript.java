package io.flotilla.cluster.commit;

import io.flotilla.cluster.redis.RedisScript;
import io.flotilla.cluster.session.SessionFields;
import io.flotilla.worker.EventFields;

/**
 * The Lua script that commits one batch of one shard, deciding inside Redis, atomically, whether and how much of
 * it applies (issue 12: a retry, a late duplicate of an abandoned connection's call, a pipelined failure or a lost
 * reply can never lose, repeat or go backwards):
 *
 * <ol>
 *   <li>the shard's fence: the lease key must still hold this owner's token, else {@code FENCED};
 *   <li>the stored session: the same session continues only from its stored seq ({@code DUPLICATE} when the batch
 *       is already in, {@code BEHIND} when Redis holds less than the batch follows on, and only the part past the
 *       stored seq is appended otherwise); a new session (the batch starts with its READY) replaces the stored one
 *       only when its (epoch, generation) is newer, else {@code SUPERSEDED}; a continuation of a session Redis
 *       does not hold is {@code LOST} when the stored one is older (Redis lost writes) or {@code SUPERSEDED};
 *   <li>the types of every key it will write ({@code WRONGTYPE} and nothing written, rather than half a batch);
 *   <li>then the writes, the session hash first: it is a write Redis refuses when out of memory, so an OOM (or
 *       NOREPLICAS) refuses the whole script before anything is written; a new session's READY also removes the
 *       identify grant it answers ({@link SessionFields#IDENTIFY_GRANTED}). Then the READY wipe (the shard's member
 *       hashes named from its guild hash, UNLINKed), the cache writes and the XADDs.
 * </ol>
 *
 * <p>Every reply is {@code {verdict, stored session, stored seq}} as they are after the script ({@code
 * {WRONGTYPE, key, type}} for a bad key). The argument layout is {@link CommitArguments}'s.
 */
final class CommitScript {
    private static final String SOURCE = """
            local st = redis.call('HMGET', KEYS[1], '$SESSION_ID', '$SEQ', '$EPOCH', '$GENERATION')
            local sid = st[1] or ''
            local sseq = tonumber(st[2]) or -1
            local sepoch = tonumber(st[3]) or -1
            local sgen = tonumber(st[4]) or -1
            if ARGV[1] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[1] then
              return {'FENCED', sid, sseq}
            end
            local session = ARGV[2]
            local epoch, gen = tonumber(ARGV[3]), tonumber(ARGV[4])
            local newer = sepoch < epoch or (sepoch == epoch and sgen < gen)
            local first, last = tonumber(ARGV[6]), tonumber(ARGV[7])
            local from
            if sid == session then
              if sseq >= last then return {'DUPLICATE', sid, sseq} end
              if sseq < first - 1 then return {'BEHIND', sid, sseq} end
              from = sseq
            elseif ARGV[5] == '1' then
              if not newer then return {'SUPERSEDED', sid, sseq} end
              from = -1
            elseif newer then
              return {'LOST', sid, sseq}
            else
              return {'SUPERSEDED', sid, sseq}
            end
            local ne, nc = tonumber(ARGV[17]), tonumber(ARGV[18])
            local base = 19
            local ops = base + ne * 5
            local checked = {}
            local function bad(idx, want)
              if checked[idx] then return nil end
              checked[idx] = true
              local t = redis.call('TYPE', KEYS[idx]).ok
              if t ~= 'none' and t ~= want then return {'WRONGTYPE', KEYS[idx], t} end
              return nil
            end
            for i = 0, ne - 1 do
              local p = base + i * 5
              if tonumber(ARGV[p + 1]) > from then
                local b = bad(tonumber(ARGV[p]), 'stream')
                if b then return b end
              end
            end
            local p = ops
            for i = 1, nc do
              if ARGV[p] ~= 'U' then
                local b = bad(tonumber(ARGV[p + 1]), 'hash')
                if b then return b end
              end
              p = p + 3 + tonumber(ARGV[p + 2])
            end
            if ARGV[14] == '1' then
              local b = bad(3, 'hash')
              if b then return b end
            end
            local fields = {'$SESSION_ID', session, '$SEQ', ARGV[7], '$SHARD_TOTAL', ARGV[9], '$OWNER', ARGV[10],
              '$UPDATED_AT', ARGV[11]}
            if ARGV[5] == '1' then
              table.insert(fields, '$EPOCH'); table.insert(fields, ARGV[3])
              table.insert(fields, '$GENERATION'); table.insert(fields, ARGV[4])
            end
            if ARGV[12] ~= '' then
              table.insert(fields, '$RESUME_URL'); table.insert(fields, ARGV[12])
            end
            redis.call('HSET', KEYS[1], unpack(fields))
            if ARGV[5] == '1' then
              redis.call('HDEL', KEYS[1], '$GRANTED')
            end
            if ARGV[14] == '1' then
              local guilds = redis.call('HKEYS', KEYS[3])
              local doomed = {}
              for _, g in ipairs(guilds) do
                table.insert(doomed, ARGV[15] .. g .. ARGV[16])
                if #doomed == 500 then redis.call('UNLINK', unpack(doomed)); doomed = {} end
              end
              table.insert(doomed, KEYS[3])
              redis.call('UNLINK', unpack(doomed))
            end
            p = ops
            for i = 1, nc do
              local kind, key, n = ARGV[p], KEYS[tonumber(ARGV[p + 1])], tonumber(ARGV[p + 2])
              if kind == 'H' then
                redis.call('HSET', key, unpack(ARGV, p + 3, p + 2 + n))
              elseif kind == 'D' then
                redis.call('HDEL', key, unpack(ARGV, p + 3, p + 2 + n))
              else
                redis.call('UNLINK', key)
              end
              p = p + 3 + n
            end
            local maxlen = ARGV[13]
            for i = 0, ne - 1 do
              local q = base + i * 5
              if tonumber(ARGV[q + 1]) > from then
                local key = KEYS[tonumber(ARGV[q])]
                if maxlen == '0' then
                  redis.call('XADD', key, '*', '$F_SHARD', ARGV[8], '$F_SEQ', ARGV[q + 1], '$F_SESSION', session,
                    '$F_TYPE', ARGV[q + 2], '$F_DATA', ARGV[q + 3], '$F_AT', ARGV[q + 4])
                else
                  redis.call('XADD', key, 'MAXLEN', '~', maxlen, '*', '$F_SHARD', ARGV[8], '$F_SEQ', ARGV[q + 1],
                    '$F_SESSION', session, '$F_TYPE', ARGV[q + 2], '$F_DATA', ARGV[q + 3], '$F_AT', ARGV[q + 4])
                end
              end
            end
            return {'APPLIED', session, last}
            """;

    /** The script, with the field names of {@link SessionFields} and {@link EventFields} filled in. */
    static final RedisScript SCRIPT = RedisScript.of(
            "commit-batch",
            SOURCE.replace("$SESSION_ID", SessionFields.SESSION_ID)
                    .replace("$SEQ", SessionFields.SEQ)
                    .replace("$EPOCH", SessionFields.EPOCH)
                    .replace("$GENERATION", SessionFields.GENERATION)
                    .replace("$SHARD_TOTAL", SessionFields.SHARD_TOTAL)
                    .replace("$OWNER", SessionFields.OWNER)
                    .replace("$UPDATED_AT", SessionFields.UPDATED_AT)
                    .replace("$RESUME_URL", SessionFields.RESUME_URL)
                    .replace("$GRANTED", SessionFields.IDENTIFY_GRANTED)
                    .replace("$F_SHARD", EventFields.SHARD)
                    .replace("$F_SEQ", EventFields.SEQ)
                    .replace("$F_SESSION", EventFields.SESSION)
                    .replace("$F_TYPE", EventFields.TYPE)
                    .replace("$F_DATA", EventFields.DATA)
                    .replace("$F_AT", EventFields.RECEIVED_AT));

    private CommitScript() {}
}
