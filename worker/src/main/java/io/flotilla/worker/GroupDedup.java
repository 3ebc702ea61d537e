package io.flotilla.worker;

import java.time.Duration;

/**
 * Group-wide de-duplication for an {@link EventConsumer}: whether it is on, and how long an event's record lives.
 *
 * <p><b>How.</b> An event is identified by {@code (shard, session, seq)}. When a consumer receives an entry
 * (poll or reclaim), it claims the event's record {@link Keys#dedup} in one script: absent → set to this entry's
 * id (PX {@code ttl}) and handed to the handler; equal to this entry's id → handed over again (this very entry is
 * being redelivered after a failed attempt or a dead consumer; refusing it could lose the event); {@code done} or
 * another entry's id → a copy, acknowledged and dropped. Acknowledging writes {@code done} (PX {@code ttl}) and
 * then XACKs, pipelined on one connection, so a consumer that dies between the two leaves an entry that is
 * dropped when reclaimed.
 *
 * <p><b>Guarantee.</b> Delivery stays at-least-once: de-duplication only drops an entry while another entry of the
 * same event is done or still pending (and so reclaimable). With it on, each event reaches a handler once in the
 * whole group, except: (1) a consumer that dies (or does not acknowledge) after its handler started and before
 * {@link EventConsumer#ack}: that entry is reclaimed and handled again, so that window must be idempotent; (2) a
 * copy that arrives more than {@code ttl} after the record was last written; (3) a copy whose record Redis lost
 * (a restart from an AOF older than the record, a failover to a lagging replica). Events Redis lost and Discord
 * replays usually lost their records with them (a record is written after its event), so such a replay can reach
 * a second consumer; the consumer that handled it still drops it from its own window ({@code dedupeWindow}).
 * Off, only that per-consumer window applies: in a group of N consumers a copy reaches another consumer (N-1)/N
 * of the time.
 *
 * <p><b>Cost.</b> One key of about 100 bytes per event for {@code ttl} (5 minutes at 1,000 events/s: about 30
 * MB), one pipelined round trip per poll and per acknowledgement. A bitmap per session would be smaller but
 * cannot tell a redelivered claimant from a copy, so it would either lose events after a consumer crash or repeat
 * them. Workers that are idempotent anyway turn it {@link #OFF}.
 *
 * @param enabled whether records are written and checked
 * @param ttl how long a record lives after its last write
 */
public record GroupDedup(boolean enabled, Duration ttl) {
    /** On, records kept 5 minutes: longer than a committer retry or a shard's resume takes. */
    public static final GroupDedup DEFAULT = new GroupDedup(true, Duration.ofMinutes(5));
    /** Off: for idempotent workers; only the consumer's own window drops repeats. */
    public static final GroupDedup OFF = new GroupDedup(false, Duration.ofMillis(1));

    public GroupDedup {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("the de-duplication ttl must be at least 1 ms, was " + ttl);
        }
    }

    /** On, with records kept {@code ttl}. */
    public static GroupDedup within(Duration ttl) {
        return new GroupDedup(true, ttl);
    }
}
