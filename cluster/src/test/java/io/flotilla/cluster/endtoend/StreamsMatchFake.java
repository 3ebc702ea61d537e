package io.flotilla.cluster.endtoend;

import io.flotilla.fake.FakeLog;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.ProducedDispatch;
import io.flotilla.fake.SessionEnd;
import io.flotilla.worker.GapFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checker of the promise "no event lost, none repeated" (issue 12 "done means"): for every session the fake
 * Discord started, the event streams hold exactly the dispatches it produced into that session, by (shard,
 * session, seq), once each, in order; except a session with a gap record, whose committed events are exactly the
 * produced ones up to the record's {@code committed_seq}. And the gap records equal, one for one, the sessions the
 * fake ended in a way that loses events (a refused resume, op 9 false, 4007, 4009) and that no client resumed after.
 * A session whose READY never reached a client (nothing of it written to a connection, never resumed) is skipped.
 * A session of which nothing was committed and that nobody resumed (its node died or was fenced between the READY
 * and its commit) must be covered by a gap record of an unknown session ({@link Gap#unknownSession}) on its shard,
 * written by the next identify grant, whose time is the grant of that session's IDENTIFY; each record covers one
 * session, and a record that covers none (an identify Discord refused, or that was never sent) is allowed.
 *
 * <p>A snapshot check; returns the first difference as a readable line, or null when everything matches.
 */
public final class StreamsMatchFake {
    private static final Set<SessionEnd.Cause> LOSSY = EnumSet.of(
            SessionEnd.Cause.RESUME_REFUSED,
            SessionEnd.Cause.INVALIDATED,
            SessionEnd.Cause.INVALID_SEQ,
            SessionEnd.Cause.TIMED_OUT);

    /** How long before a session's IDENTIFY its grant may be (the grant is taken just before the IDENTIFY is sent). */
    private static final Duration GRANT_TO_IDENTIFY = Duration.ofSeconds(30);

    /** One gap record as Redis holds it. */
    public record Gap(int shard, String session, long committedSeq, String reason, Instant at) {
        /** A record of an identify whose session, if Discord started one, was never committed. */
        public boolean unknownSession() {
            return session.isEmpty();
        }
    }

    private StreamsMatchFake() {}

    public static List<Gap> gaps(RedisCommands<String, String> redis, Keys keys) {
        List<Gap> gaps = new ArrayList<>();
        for (StreamMessage<String, String> entry : redis.xrange(keys.gaps(), Range.create("-", "+"))) {
            Map<String, String> body = entry.getBody();
            gaps.add(new Gap(
                    Integer.parseInt(Objects.requireNonNull(body.get(GapFields.SHARD))),
                    Objects.requireNonNull(body.get(GapFields.SESSION)),
                    Long.parseLong(Objects.requireNonNull(body.get(GapFields.COMMITTED_SEQ))),
                    Objects.requireNonNull(body.get(GapFields.REASON)),
                    Instant.ofEpochMilli(Long.parseLong(body.getOrDefault(GapFields.AT, "0")))));
        }
        return gaps;
    }

    /** The first difference between the fake's log and Redis, or null; {@code checked} counts compared events. */
    public static @org.jspecify.annotations.Nullable String difference(
            FakeLog log, CommittedEvents committed, List<Gap> gaps, long[] checked) {
        Map<String, Gap> gapBySession = new HashMap<>();
        List<Gap> unknown = new ArrayList<>();
        for (Gap gap : gaps) {
            if (gap.unknownSession()) {
                unknown.add(gap);
            } else if (gapBySession.put(gap.session(), gap) != null) {
                return "two gap records for session " + gap.session();
            }
        }
        for (IdentifyRecord identify : log.identifies()) {
            String session = identify.sessionId();
            if (session == null) {
                continue;
            }
            int shard = identify.shardId();
            if (neverReachedTheClient(log, shard, session)) {
                continue;
            }
            List<Long> produced = log.sessionEvents(session).stream()
                    .map(ProducedDispatch::seq)
                    .toList();
            Gap gap = gapBySession.get(session);
            List<Long> expected = gap == null
                    ? produced
                    : produced.stream().filter(seq -> seq <= gap.committedSeq()).toList();
            List<Long> actual = committed.seqs(shard, session);
            if (gap == null && actual.isEmpty() && coveredByAnUnknownGap(log, identify, unknown)) {
                continue;
            }
            checked[0] += actual.size();
            if (!actual.equals(expected)) {
                return "shard " + shard + " session " + session
                        + (gap == null ? "" : " (gap after " + gap.committedSeq() + ", " + gap.reason() + ")") + ": "
                        + firstDifference(expected, actual);
            }
        }
        List<SessionEnd> lossyEnds = new ArrayList<>();
        for (SessionEnd end : log.sessionEnds()) {
            if (LOSSY.contains(end.cause()) && end.lastSeq() >= 0 && !resumedAfter(log, end)) {
                lossyEnds.add(end);
            }
        }
        List<String> gapSessions = gaps.stream()
                .filter(gap -> !gap.unknownSession())
                .map(Gap::session)
                .sorted()
                .toList();
        List<String> lossySessions = lossyEnds.stream()
                .map(SessionEnd::sessionId)
                .distinct()
                .sorted()
                .toList();
        if (!gapSessions.equals(lossySessions)) {
            return "gap records " + gaps + " do not match the sessions the fake ended losing events " + lossySessions
                    + "; " + unmatched(log, gapSessions, lossyEnds);
        }
        return null;
    }

    /**
     * True when a record of an unknown session on the identify's shard, granted at most {@link #GRANT_TO_IDENTIFY}
     * before it, is still unused (it is then used up) and nobody resumed the session.
     */
    private static boolean coveredByAnUnknownGap(FakeLog log, IdentifyRecord identify, List<Gap> unknown) {
        if (log.resumes().stream().anyMatch(resume -> resume.sessionId().equals(identify.sessionId()))) {
            return false;
        }
        for (Gap gap : unknown) {
            if (gap.shard() == identify.shardId()
                    && !gap.at().isAfter(identify.at())
                    && Duration.between(gap.at(), identify.at()).compareTo(GRANT_TO_IDENTIFY) <= 0) {
                unknown.remove(gap);
                return true;
            }
        }
        return false;
    }

    /** Each lossy end without a gap record and each gap record without a lossy end, with the session's resumes. */
    private static String unmatched(FakeLog log, List<String> gapSessions, List<SessionEnd> lossyEnds) {
        List<String> lines = new ArrayList<>();
        for (SessionEnd end : lossyEnds) {
            if (!gapSessions.contains(end.sessionId())) {
                lines.add("no gap record for " + end + ", resumes of that session " + resumesOf(log, end.sessionId()));
            }
        }
        Set<String> lossySessions = new HashSet<>();
        lossyEnds.forEach(end -> lossySessions.add(end.sessionId()));
        for (String session : gapSessions) {
            if (!lossySessions.contains(session)) {
                List<SessionEnd> ends = log.sessionEnds().stream()
                        .filter(end -> end.sessionId().equals(session))
                        .toList();
                lines.add("no lossy end for the gap of " + session + ", its ends " + ends + ", resumes "
                        + resumesOf(log, session));
            }
        }
        return String.join("; ", lines);
    }

    private static List<String> resumesOf(FakeLog log, String session) {
        return log.resumes().stream()
                .filter(resume -> resume.sessionId().equals(session))
                .map(resume -> resume.outcome() + " at seq " + resume.seq() + " " + resume.at())
                .toList();
    }

    /**
     * True when no dispatch of the session was ever written to a connection and no client resumed it: its READY went
     * to a connection the client had already given up (a zombie reconnect while the IDENTIFY was in flight), so the
     * client never learned the session exists, and the same events reach the session it identified next. The fake
     * keeps such an orphan for its retention and fans events into it; nothing of it can be committed.
     */
    private static boolean neverReachedTheClient(FakeLog log, int shard, String session) {
        return log.dispatches(shard).stream()
                        .noneMatch(written -> written.sessionId().equals(session))
                && log.resumes().stream().noneMatch(resume -> resume.sessionId().equals(session));
    }

    /**
     * True when the session the fake logged as ended was RESUMED after that (by another node): the fake keeps a session
     * it closed with 4009 for missed heartbeats resumable (GATEWAY.md 13), so a 4009 sent to a frozen, already fenced
     * node whose shard runs elsewhere loses nothing; only the node that lost the lease saw it.
     */
    private static boolean resumedAfter(FakeLog log, SessionEnd end) {
        return log.resumes().stream()
                .anyMatch(resume -> resume.sessionId().equals(end.sessionId())
                        && resume.outcome().equals("RESUMED")
                        && !resume.at().isBefore(end.at()));
    }

    private static String firstDifference(List<Long> expected, List<Long> actual) {
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        String want = i < expected.size() ? "seq " + expected.get(i) : "nothing more";
        String got = i < actual.size() ? "seq " + actual.get(i) : "nothing more";
        return "the fake produced " + expected.size() + " events, Redis holds " + actual.size() + "; at position " + i
                + " expected " + want + " but found " + got;
    }
}
