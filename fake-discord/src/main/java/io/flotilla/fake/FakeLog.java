package io.flotilla.fake;

import io.flotilla.fake.world.Dispatch;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the fake did and what each client did, for assertions: connections, identifies, resumes, violations,
 * every dispatch produced per session and every dispatch written to a socket. "Nothing lost" tests compare
 * other systems against it, so it is exact: a dispatch is recorded when it is produced into a session (on the
 * shard hub's thread, in seq order) and again when it is handed to a connection (on that connection's thread).
 *
 * <p>Thread-safe. Readers get snapshots. One per {@link FakeDiscord}. With {@code recordDispatches} on it grows
 * with every dispatch until the fake is closed; with it off it keeps nothing per dispatch, only per connection,
 * identify, resume and session end.
 */
public final class FakeLog {

    private final InstantSource clock;
    private final boolean recordDispatches;
    private final Map<Integer, Queue<DispatchRecord>> written = new ConcurrentHashMap<>();
    private final Map<String, Queue<ProducedDispatch>> produced = new ConcurrentHashMap<>();
    private final Queue<IdentifyRecord> identifies = new ConcurrentLinkedQueue<>();
    private final Queue<ResumeRecord> resumes = new ConcurrentLinkedQueue<>();
    private final Queue<Violation> violations = new ConcurrentLinkedQueue<>();
    private final Queue<SessionEnd> sessionEnds = new ConcurrentLinkedQueue<>();
    private final Queue<CommandRecord> commands = new ConcurrentLinkedQueue<>();
    private final Map<Long, ConnectionRecord> connections = new ConcurrentHashMap<>();
    private final Map<Integer, int[]> liveByShard = new ConcurrentHashMap<>();

    FakeLog(InstantSource clock, boolean recordDispatches) {
        this.clock = clock;
        this.recordDispatches = recordDispatches;
    }

    // ---- queries ----

    /** Every dispatch written to a socket for sessions of this shard id, in the order written per connection. */
    public List<DispatchRecord> dispatches(int shardId) {
        Queue<DispatchRecord> records = written.get(shardId);
        return records == null ? List.of() : List.copyOf(records);
    }

    /** Every dispatch ever produced for the session, in seq order: sent, buffered, or lost with the session. */
    public List<ProducedDispatch> sessionEvents(String sessionId) {
        Queue<ProducedDispatch> records = produced.get(sessionId);
        return records == null ? List.of() : List.copyOf(records);
    }

    /** The most authenticated (identified or resumed) live connections shard id {@code shardId} ever had at once. */
    public int maxConcurrentConnections(int shardId) {
        int[] counts = liveByShard.get(shardId);
        if (counts == null) {
            return 0;
        }
        synchronized (counts) {
            return counts[1];
        }
    }

    public List<IdentifyRecord> identifies() {
        return List.copyOf(identifies);
    }

    public List<ResumeRecord> resumes() {
        return List.copyOf(resumes);
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * Every session the fake ended, in the order it ended them, with the cause (one per op 9 false in reply to a
     * RESUME, 4007, 4009 on a session, op 9 false to a live session, budget reset, client close 1000/1001).
     * Kept whether or not dispatches are recorded.
     */
    public List<SessionEnd> sessionEnds() {
        return List.copyOf(sessionEnds);
    }

    /** Every gateway command clients sent and the fake accepted, in the order read. Kept whatever the config. */
    public List<CommandRecord> commands() {
        return List.copyOf(commands);
    }

    /** Every connection, in order of opening. */
    public List<ConnectionRecord> connections() {
        List<ConnectionRecord> all = new ArrayList<>(connections.values());
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        return all;
    }

    /** Whether per-dispatch records are kept ({@link FakeDiscordConfig#recordDispatches()}). */
    public boolean recordsDispatches() {
        return recordDispatches;
    }

    // ---- recording, by the server ----

    Instant now() {
        return clock.instant();
    }

    void produced(String sessionId, long seq, Dispatch dispatch) {
        if (recordDispatches) {
            produced.computeIfAbsent(sessionId, id -> new ConcurrentLinkedQueue<>())
                    .add(new ProducedDispatch(sessionId, seq, dispatch));
        }
    }

    void written(long connectionId, int shardId, String sessionId, long seq, String type, boolean replayed) {
        if (recordDispatches) {
            written.computeIfAbsent(shardId, id -> new ConcurrentLinkedQueue<>())
                    .add(new DispatchRecord(connectionId, shardId, sessionId, seq, type, replayed, clock.instant()));
        }
    }

    void identify(IdentifyRecord record) {
        identifies.add(record);
    }

    void resume(ResumeRecord record) {
        resumes.add(record);
    }

    void violation(long connectionId, int closeCode, String reason) {
        violations.add(new Violation(connectionId, closeCode, reason, clock.instant()));
    }

    void command(long connectionId, int shardId, int op, String data) {
        commands.add(new CommandRecord(connectionId, shardId, op, data, clock.instant()));
    }

    void sessionEnd(SessionEnd record) {
        sessionEnds.add(record);
    }

    void connection(ConnectionRecord record) {
        connections.put(record.id(), record);
    }

    void authenticated(int shardId) {
        int[] counts = liveByShard.computeIfAbsent(shardId, id -> new int[2]);
        synchronized (counts) {
            counts[0]++;
            counts[1] = Math.max(counts[1], counts[0]);
        }
    }

    void released(int shardId) {
        int[] counts = liveByShard.computeIfAbsent(shardId, id -> new int[2]);
        synchronized (counts) {
            counts[0]--;
        }
    }
}
