package io.flotilla.node;

import io.flotilla.cluster.endtoend.CommittedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The soak's check of its workers ({@link SoakWorkers}), run after the traffic stopped and the streams were found
 * equal to the fake's log: every event the streams hold reaches a worker's handler at least once within a bound,
 * and an event reaches a handler again only in a window {@code GroupDedup} names: (1) a worker SIGKILLed with the
 * entry in hand, unacknowledged; (2) a round whose acknowledgements failed (the worker printed the event as
 * {@code unacked}: Redis cut, killed or held while they travelled); (3) the event was first handled in a window
 * whose writes Redis lost (the rollback's 2 s, or the last 2.5 s before a SIGKILL with AOF everysec), which took its
 * acknowledgement and its de-duplication record with it. Anything else handled twice is a broken promise.
 *
 * <p>One test thread; static.
 */
final class WorkerChecks {
    /** What was found: problems (empty: all kept) and a summary. */
    record Result(List<String> problems, String summary) {}

    /** An interval in which Redis may have lost acknowledged writes. */
    record Loss(Instant from, Instant to, String what) {
        boolean covers(Instant at) {
            return !at.isBefore(from) && !at.isAfter(to);
        }
    }

    private WorkerChecks() {}

    /** Waits up to {@code bound} for every committed event to be handled, then judges every repeat. */
    static Result check(
            SoakWorkers workers, CommittedEvents committed, int shardCount, List<Loss> losses, Duration bound)
            throws InterruptedException {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>();
        Set<String> unreadTypes = new HashSet<>();
        for (int shard = 0; shard < shardCount; shard++) {
            for (String session : committed.sessions(shard)) {
                List<Long> seqs = committed.seqs(shard, session);
                List<String> types = committed.types(shard, session);
                for (int i = 0; i < seqs.size(); i++) {
                    if (SoakWorkers.EVENTS.contains(types.get(i))) {
                        expected.add(shard + " " + session + " " + seqs.get(i));
                    } else {
                        unreadTypes.add(types.get(i));
                    }
                }
            }
        }
        if (!unreadTypes.isEmpty()) {
            problems.add("workers: the streams hold event names the soak's workers do not read: " + unreadTypes);
        }
        Instant start = Instant.now();
        Instant deadline = start.plus(bound);
        Map<String, List<String[]>> handled = handled(workers);
        while (!handled.keySet().containsAll(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            handled = handled(workers);
        }
        Duration took = Duration.between(start, Instant.now());
        Map<String, List<String[]>> all = handled;
        List<String> missing =
                expected.stream().filter(key -> !all.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            problems.add("workers: " + missing.size() + " of " + expected.size() + " events never handled within "
                    + bound.toSeconds() + " s after the traffic stopped, first "
                    + missing.subList(0, Math.min(5, missing.size())));
        }
        List<String> unknown =
                all.keySet().stream().filter(key -> !expected.contains(key)).toList();
        if (!unknown.isEmpty()) {
            problems.add("workers: handled " + unknown.size() + " events the streams do not hold, first "
                    + unknown.subList(0, Math.min(5, unknown.size())));
        }
        Set<String> unacked = new HashSet<>();
        workers.records("unacked").forEach(r -> unacked.add(r.get(1) + " " + r.get(2) + " " + r.get(3)));
        Set<String> inHand = workers.inHand();
        int[] repeats = new int[4]; // in hand, unacked, lost by Redis, unexplained
        long handlings = 0;
        for (Map.Entry<String, List<String[]>> event : all.entrySet()) {
            List<String[]> times = event.getValue();
            handlings += times.size();
            if (times.size() < 2) {
                continue;
            }
            Instant first = Instant.ofEpochMilli(Long.parseLong(times.getFirst()[1]));
            int extra = times.size() - 1;
            if (inHand.contains(event.getKey())) {
                repeats[0] += extra;
            } else if (unacked.contains(event.getKey())) {
                repeats[1] += extra;
            } else if (losses.stream().anyMatch(loss -> loss.covers(first))) {
                repeats[2] += extra;
            } else {
                repeats[3] += extra;
                problems.add("workers: event " + event.getKey() + " handled " + times.size() + " times ("
                        + describe(times) + ") though no worker died holding it, its acknowledgement did not fail"
                        + " and Redis lost nothing then");
            }
        }
        String summary = String.format(
                Locale.ROOT,
                "workers handled %,d of %,d events (%,d handler runs; all within %.1f s of the traffic's end), repeats:"
                        + " %d in a killed worker's hand (%d kills), %d after a failed acknowledgement, %d lost by Redis,"
                        + " %d unexplained",
                expected.size() - missing.size(),
                expected.size(),
                handlings,
                took.toMillis() / 1000.0,
                repeats[0],
                workers.kills(),
                repeats[1],
                repeats[2],
                repeats[3]);
        return new Result(problems, summary);
    }

    /** Handlings by event ("shard session seq"), each {@code [process, ms]}, in the order printed. */
    private static Map<String, List<String[]>> handled(SoakWorkers workers) {
        Map<String, List<String[]>> handled = new HashMap<>();
        for (List<String> r : workers.records("handled")) {
            handled.computeIfAbsent(r.get(2) + " " + r.get(3) + " " + r.get(4), key -> new ArrayList<>())
                    .add(new String[] {r.get(0), r.get(1)});
        }
        handled.values().forEach(list -> list.sort((a, b) -> Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1]))));
        return handled;
    }

    private static String describe(List<String[]> times) {
        List<String> parts = new ArrayList<>();
        for (String[] time : times) {
            parts.add(time[0] + " at " + Instant.ofEpochMilli(Long.parseLong(time[1])));
        }
        return String.join(", ", parts);
    }
}
