package io.flotilla.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fake.CommandRecord;
import io.flotilla.fake.ConnectionRecord;
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
 * when a node was stopped without warning (SIGKILL, SIGSTOP), or the connection it came on ended other than by the
 * node's hand-off or shutdown close (a drop, a close by the fake's chaos, a zombie), at most {@link CommandRepeats#REACH}
 * after the first reception: the node wrote it and lost it before the proof of receipt (a later heartbeat's ACK)
 * or before its entry's deletion landed (counted, not failed; a planned hand-off, a drain and every Redis fault
 * must not send twice). Near a network partition a second reception is counted, not failed; a vanished command is
 * a problem there as anywhere. An invalid one is rejected once with a reason and never reaches the
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
    private static final Pattern NONCE = Pattern.compile(Pattern.quote(SoakCommand.NONCE_PREFIX) + "[0-9a-z]+-[0-9]+");

    /** What was found: problems (empty: all kept) and a summary. */
    record Result(List<String> problems, String summary) {}

    /**
     * What the check reads.
     *
     * @param losses the windows in which Redis may have lost writes it acknowledged
     * @param stops when a node was stopped without warning (SIGKILL, SIGSTOP)
     * @param partitions the windows around each network partition ({@link Soak#partitions()})
     */
    record Inputs(
            SoakWorkers workers,
            FakeLog log,
            RedisCommands<String, String> redis,
            Keys keys,
            int shards,
            List<WorkerChecks.Loss> losses,
            List<Instant> stops,
            List<WorkerChecks.Loss> partitions) {}

    private record Tried(Instant at, String nonce, SoakCommand kind, int shard) {}

    private CommandChecks() {}

    /**
     * Checks until nothing is broken or {@code bound} passed (the last commands written may still be on their way),
     * and returns the last result.
     */
    static Result within(Inputs in, Duration bound) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        Result result = check(in);
        while (!result.problems().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            result = check(in);
        }
        return result;
    }

    private static Result check(Inputs in) {
        SoakWorkers workers = in.workers();
        RedisCommands<String, String> redis = in.redis();
        Keys keys = in.keys();
        int shards = in.shards();
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

        Map<Long, ConnectionRecord> connections = new HashMap<>();
        in.log().connections().forEach(c -> connections.put(c.id(), c));
        Map<String, List<CommandRecord>> delivered = new HashMap<>();
        for (CommandRecord command : in.log().commands()) {
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
                    : judge(command, got, reasons, confirmed.contains(command.nonce()), in.stops(), connections);
            if (problem != null && in.losses().stream().anyMatch(loss -> loss.covers(command.at()))) {
                // Written while Redis lost what it acknowledged: the entry, its rejection record or its deletion
                // may be gone, so it may vanish, be sent again by a later owner, or stay queued behind the reader.
                counts[4]++;
                lossSentTwice |= got.size() > 1;
            } else if (problem != null
                    && got.size() > 1
                    && reasons.isEmpty()
                    && in.partitions().stream().anyMatch(cut -> cut.covers(command.at()))) {
                // Open (RELIABILITY.md): near a partition a command may be sent again (a node cut from Redis still
                // writes to Discord; a hand-off settles for at most 5 s; a connection the partition killed silently
                // fails what Discord did not provably read, and the RESUME sends it again). Counted and printed. A
                // command lost there (its entry deleted before Discord read it) is a problem like anywhere else.
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
                "commands: %d written (%d valid), %d delivered once, %d delivered twice (their node stopped, or"
                        + " their connection ended, before the proof of receipt), %d rejected with a reason, %d whose XADD failed and never landed, %d written while"
                        + " Redis lost its writes (none of those sent twice: %s), %d broken; open: %d repeated"
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
            Tried command,
            List<CommandRecord> got,
            List<String> reasons,
            boolean confirmed,
            List<Instant> stops,
            Map<Long, ConnectionRecord> connections) {
        if (reasons.stream().anyMatch(String::isBlank)) {
            return "rejected without a reason";
        }
        if (got.stream().anyMatch(c -> c.shardId() != command.shard())) {
            return "received on another shard's connection";
        }
        if (!command.kind().valid() && !got.isEmpty()) {
            return "an invalid command reached Discord";
        }
        if (got.size() == 2 && reasons.isEmpty() && CommandRepeats.afterAStop(got, stops)) {
            return null; // its first sender stopped before the deletion landed: the one repeat the promise allows
        }
        if (got.size() == 2 && reasons.isEmpty() && CommandRepeats.afterTheConnectionEnded(got, connections)) {
            return null; // its connection ended before the proof of receipt: the other repeat the promise allows
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
