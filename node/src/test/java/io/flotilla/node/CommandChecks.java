package io.flotilla.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fake.CommandRecord;
import io.flotilla.fake.FakeLog;
import io.flotilla.protocol.Snowflake;
import io.flotilla.worker.CommandFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's check of the commands its worker sent ({@link SoakCommand}), one for one by nonce, against what
 * Flotilla promises (at least once, settled once; docs/redis-protocol.md): a valid command is either received by the
 * fake on a connection of the guild's shard or rejected into {@code g:command:rejected} with a reason, never both,
 * rejected at most once, and received once, except that it may be received a second time, on another connection,
 * when a node was stopped without warning (SIGKILL, SIGSTOP) at most {@link #STOP_REACH} after the first reception:
 * the node wrote it and died before its entry's deletion landed (counted, not failed; a planned hand-off, a drain
 * and every Redis fault must not send twice). An invalid one is rejected once with a reason and never reaches the
 * fake; a command whose XADD the worker saw succeed never vanishes, and none is left in a command stream once every
 * shard runs again. A command whose XADD failed or whose worker died in it may have landed or not, but then with
 * one outcome at most.
 * The one exception is a command written while Redis lost the writes it had acknowledged (the rollback's 2 s, the
 * last moments before a SIGKILL of Redis): its entry, its deletion or its rejection record may be gone with them,
 * so it may vanish, stay queued behind the reader, or be sent again by the shard's next owner; those are counted,
 * not failed (a fact of a Redis that forgets, not a promise Flotilla can keep).
 *
 * <p>One test thread; static.
 */
final class CommandChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long after a node wrote a command its entry's deletion may still be on its way (a round trip to Redis,
     * longer under the soak's 150 ms delay or 1.5 s hold of Redis traffic), so a stop that late may send it twice.
     */
    static final Duration STOP_REACH = Duration.ofSeconds(2);
    /** Slack for a stop logged just before the fake recorded the command its victim had already written. */
    private static final Duration STOP_SLACK = Duration.ofMillis(250);

    private static final Pattern NONCE = Pattern.compile(Pattern.quote(SoakCommand.NONCE_PREFIX) + "[0-9a-z]+-[0-9]+");

    /** What was found: problems (empty: all kept) and a summary. */
    record Result(List<String> problems, String summary) {}

    private record Tried(Instant at, String nonce, SoakCommand kind, int shard) {}

    private CommandChecks() {}

    /**
     * Checks until nothing is broken or {@code bound} passed (the last commands written may still be on their way),
     * and returns the last result.
     */
    static Result within(
            SoakWorkers workers,
            FakeLog log,
            RedisCommands<String, String> redis,
            Keys keys,
            int shards,
            List<WorkerChecks.Loss> losses,
            List<Instant> stops,
            List<WorkerChecks.Loss> partitions,
            Duration bound)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        Result result = check(workers, log, redis, keys, shards, losses, stops, partitions);
        while (!result.problems().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            result = check(workers, log, redis, keys, shards, losses, stops, partitions);
        }
        return result;
    }

    private static Result check(
            SoakWorkers workers,
            FakeLog log,
            RedisCommands<String, String> redis,
            Keys keys,
            int shards,
            List<WorkerChecks.Loss> losses,
            List<Instant> stops,
            List<WorkerChecks.Loss> partitions) {
        List<String> problems = new ArrayList<>();
        Map<String, Tried> tried = new HashMap<>();
        for (List<String> r : workers.records("command-try")) {
            int shard = Snowflake.shardOf(Snowflake.parse(r.get(4)), shards);
            tried.put(
                    r.get(2),
                    new Tried(
                            Instant.ofEpochMilli(Long.parseLong(r.get(1))),
                            r.get(2),
                            SoakCommand.valueOf(r.get(3)),
                            shard));
        }
        Set<String> confirmed = new HashSet<>();
        workers.records("command").forEach(r -> confirmed.add(r.get(2)));

        Map<String, List<CommandRecord>> delivered = new HashMap<>();
        for (CommandRecord command : log.commands()) {
            String nonce = nonceOf(command);
            if (nonce != null) {
                delivered.computeIfAbsent(nonce, n -> new ArrayList<>()).add(command);
            }
        }
        Map<String, List<String>> rejected = new HashMap<>();
        for (StreamMessage<String, String> entry : redis.xrange(keys.rejectedCommands(), Range.create("-", "+"))) {
            Matcher nonce = NONCE.matcher(entry.getBody().getOrDefault(CommandFields.DATA, ""));
            if (nonce.find()) {
                rejected.computeIfAbsent(nonce.group(), n -> new ArrayList<>())
                        .add(entry.getBody().getOrDefault(CommandFields.REASON, ""));
            }
        }
        Set<String> queued = new HashSet<>();
        for (int shard = 0; shard < shards; shard++) {
            for (StreamMessage<String, String> entry : redis.xrange(keys.commands(shard), Range.create("-", "+"))) {
                Matcher nonce = NONCE.matcher(entry.getBody().getOrDefault(CommandFields.DATA, ""));
                queued.add(nonce.find() ? nonce.group() : entry.getId());
            }
        }
        // delivered, rejected, unsure and absent, problems, lost with Redis's writes, sent again after a node's stop
        int[] counts = new int[7];
        boolean lossSentTwice = false;
        List<String> partitionCases = new ArrayList<>();
        for (Tried command : tried.values()) {
            List<CommandRecord> got = delivered.getOrDefault(command.nonce(), List.of());
            List<String> reasons = rejected.getOrDefault(command.nonce(), List.of());
            String problem = queued.remove(command.nonce())
                    ? "still queued after every shard ran again"
                    : judge(command, got, reasons, confirmed.contains(command.nonce()), stops);
            if (problem != null && losses.stream().anyMatch(loss -> loss.covers(command.at()))) {
                // Written while Redis lost what it acknowledged: the entry, its rejection record or its deletion
                // may be gone, so it may vanish, be sent again by a later owner, or stay queued behind the reader.
                counts[4]++;
                lossSentTwice |= got.size() > 1;
            } else if (problem != null && partitions.stream().anyMatch(cut -> cut.covers(command.at()))) {
                // Open (RELIABILITY.md): near a partition a command may be sent again (a node cut from Redis still
                // writes to Discord; a hand-off settles for at most 5 s) or lost (written into a connection the
                // partition had killed silently: deleted as sent, never read by Discord). Counted and printed.
                counts[6]++;
                partitionCases.add(command.nonce() + " (" + problem + ")");
            } else if (problem != null) {
                counts[3]++;
                problems.add("commands: " + command.kind() + " " + command.nonce() + " for shard " + command.shard()
                        + " written at " + command.at() + ": " + problem + " (received "
                        + got.stream()
                                .map(c -> "shard " + c.shardId() + " connection " + c.connectionId() + " at " + c.at())
                                .toList()
                        + ", rejected " + reasons + ")");
            } else if (got.size() == 2) {
                counts[5]++;
            } else if (got.size() == 1) {
                counts[0]++;
            } else if (reasons.size() == 1) {
                counts[1]++;
            } else {
                counts[2]++;
            }
        }
        if (!queued.isEmpty()) {
            problems.add("commands: " + queued.size() + " entries no soak worker wrote still queued: " + queued);
        }
        Set<String> strays = new HashSet<>(delivered.keySet());
        strays.addAll(rejected.keySet());
        strays.removeAll(tried.keySet());
        if (!strays.isEmpty()) {
            problems.add("commands: nonces no worker wrote: " + strays);
        }
        String summary = String.format(
                Locale.ROOT,
                "commands: %d written (%d valid), %d delivered once, %d delivered twice (their node stopped just"
                        + " after), %d rejected with a reason, %d whose XADD failed and never landed, %d written while"
                        + " Redis lost its writes (none of those sent twice: %s), %d broken; open: %d repeated or lost"
                        + " around a network partition %s",
                tried.size(),
                tried.values().stream().filter(t -> t.kind().valid()).count(),
                counts[0],
                counts[5],
                counts[1],
                counts[2],
                counts[4],
                !lossSentTwice,
                counts[3],
                counts[6],
                partitionCases);
        return new Result(problems, summary);
    }

    private static @org.jspecify.annotations.Nullable String judge(
            Tried command, List<CommandRecord> got, List<String> reasons, boolean confirmed, List<Instant> stops) {
        if (reasons.stream().anyMatch(String::isBlank)) {
            return "rejected without a reason";
        }
        if (got.stream().anyMatch(c -> c.shardId() != command.shard())) {
            return "received on another shard's connection";
        }
        if (!command.kind().valid() && !got.isEmpty()) {
            return "an invalid command reached Discord";
        }
        if (got.size() == 2 && reasons.isEmpty() && sentAgainAfterAStop(got, stops)) {
            return null; // its first sender stopped before the deletion landed: the one repeat the promise allows
        }
        int outcomes = got.size() + reasons.size();
        if (outcomes > 1) {
            return got.size() > 1 ? "received " + got.size() + " times" : "more than one outcome";
        }
        if (outcomes == 0 && confirmed) {
            return "vanished: its XADD succeeded, but it was neither received nor rejected";
        }
        return null;
    }

    /** Two receptions on two connections, a node stopped without warning at most {@link #STOP_REACH} after the first. */
    private static boolean sentAgainAfterAStop(List<CommandRecord> got, List<Instant> stops) {
        CommandRecord first = got.get(0).at().isAfter(got.get(1).at()) ? got.get(1) : got.get(0);
        CommandRecord second = first == got.get(0) ? got.get(1) : got.get(0);
        return first.connectionId() != second.connectionId()
                && stops.stream()
                        .anyMatch(stop -> !stop.isBefore(first.at().minus(STOP_SLACK))
                                && !stop.isAfter(first.at().plus(STOP_REACH))
                                && stop.isBefore(second.at()));
    }

    /** The soak nonce a received command carries (op 3: its activity's name; op 8: its nonce), or null. */
    private static @org.jspecify.annotations.Nullable String nonceOf(CommandRecord command) {
        try {
            JsonNode d = JSON.readTree(command.data());
            String nonce = command.op() == 3
                    ? d.path("activities").path(0).path("name").asText()
                    : d.path("nonce").asText();
            return nonce.startsWith(SoakCommand.NONCE_PREFIX) ? nonce : null;
        } catch (IOException e) {
            return null;
        }
    }
}
