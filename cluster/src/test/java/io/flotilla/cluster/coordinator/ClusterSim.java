package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.assign.Assignment;
import io.flotilla.cluster.assign.Assignor;
import io.flotilla.cluster.membership.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A cluster of nodes driven by the coordinator's pure decisions ({@link LeaderRound}, {@link NodeRound}) on a fake
 * clock, with Redis modelled in memory: node records and leases with expiry, one epoch counter, the leader key and
 * the assignment hash. Each step every live node renews what it holds, the leader decides and writes, then every
 * node decides and applies; a hand-off completes {@code handOffTime} after it began. A crashed node's process is gone
 * (it runs nothing) but its record and leases live until they expire. Records what happened and every breach of
 * "one live owner per shard". Not thread-safe; one test.
 */
final class ClusterSim {
    static final Duration TICK = Duration.ofMillis(200);
    static final Duration LEASE_TTL = Duration.ofMillis(1500);
    static final Duration MARGIN = Duration.ofMillis(300);
    static final Duration RECORD_TTL = Duration.ofMillis(1500);
    static final Duration HAND_OFF_TIME = Duration.ofMillis(300);

    record Lease(String owner, long epoch, Instant expiry) {}

    record Start(int shard, String node, Instant at, long epoch) {}

    final class Node {
        final String id;
        boolean alive = true;
        boolean draining;
        final SortedSet<Integer> running = new TreeSet<>();
        final Map<Integer, Instant> handingOff = new TreeMap<>();
        Instant recordExpiry = now.plus(RECORD_TTL);

        Node(String id) {
            this.id = id;
        }

        SortedSet<Integer> held() {
            SortedSet<Integer> held = new TreeSet<>();
            leases.forEach((shard, lease) -> {
                if (lease.owner.equals(id) && now.isBefore(lease.expiry.minus(MARGIN))) {
                    held.add(shard);
                }
            });
            return held;
        }
    }

    private int shardCount = 16;
    private int maxMoves = 2;
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Map<String, Node> nodes = new TreeMap<>();
    final Map<Integer, Lease> leases = new HashMap<>();
    final Map<String, String> assignmentHash = new TreeMap<>();
    final List<Start> starts = new ArrayList<>();
    final List<String> breaches = new ArrayList<>();
    int maxInFlight;
    private long epoch;
    private Optional<Lease> leader = Optional.empty();
    private Optional<StoredShardCount> storedCount = Optional.empty();

    static ClusterSim withNodes(int count) {
        ClusterSim sim = new ClusterSim();
        for (int i = 0; i < count; i++) {
            sim.join();
        }
        return sim;
    }

    ClusterSim withShards(int count) {
        shardCount = count;
        return this;
    }

    ClusterSim withMaxMoves(int moves) {
        maxMoves = moves;
        return this;
    }

    /** A new node, named node-a, node-b, ... in order. */
    Node join() {
        Node node = new Node("node-" + (char) ('a' + nodes.size()));
        nodes.put(node.id, node);
        return node;
    }

    /** The process dies: nothing of it runs any more, nothing is released. */
    void crash(String id) {
        Node node = node(id);
        node.alive = false;
        node.running.clear();
        node.handingOff.clear();
    }

    void drain(String id) {
        node(id).draining = true;
    }

    ClusterSim advance(Duration duration) {
        Instant end = now.plus(duration);
        while (now.isBefore(end)) {
            step();
            now = now.plus(TICK);
        }
        return this;
    }

    Node node(String id) {
        return Objects.requireNonNull(nodes.get(id), id);
    }

    Assignment assignment() {
        return StoredAssignment.parse(assignmentHash, shardCount).assignment();
    }

    SortedSet<Integer> runningOn(String id) {
        return node(id).running;
    }

    Optional<String> leaderId() {
        return leader.filter(lease -> now.isBefore(lease.expiry)).map(Lease::owner);
    }

    private void step() {
        List<Node> live = nodes.values().stream().filter(node -> node.alive).toList();
        for (Node node : live) {
            completeHandOffs(node);
            node.recordExpiry = now.plus(RECORD_TTL);
            for (int shard : node.held()) {
                Lease lease = Objects.requireNonNull(leases.get(shard));
                leases.put(shard, new Lease(node.id, lease.epoch, now.plus(LEASE_TTL)));
            }
            campaign(node);
        }
        for (Node node : live) {
            if (leaderId().filter(node.id::equals).isPresent()) {
                lead(node);
            }
            act(node);
        }
        checkOneOwner();
    }

    private void completeHandOffs(Node node) {
        new ArrayList<>(node.handingOff.entrySet()).forEach(entry -> {
            if (!entry.getValue().isAfter(now)) {
                node.handingOff.remove(entry.getKey());
                node.running.remove(entry.getKey());
                release(node, entry.getKey());
            }
        });
    }

    private void campaign(Node node) {
        Optional<Lease> current = leader.filter(lease -> now.isBefore(lease.expiry));
        if (current.isEmpty()) {
            leader = Optional.of(new Lease(node.id, ++epoch, now.plus(LEASE_TTL)));
        } else if (current.get().owner.equals(node.id)) {
            leader = Optional.of(new Lease(node.id, current.get().epoch, now.plus(LEASE_TTL)));
        }
    }

    private void lead(Node node) {
        long term = leader.orElseThrow().epoch;
        LeaderRound round = LeaderRound.decide(
                new Assignor(maxMoves),
                shardCount,
                members(),
                StoredAssignment.parse(assignmentHash, shardCount),
                storedCount);
        round.fields().forEach((field, to) -> assignmentHash.put(field, to + ":" + term));
        round.removals().forEach(assignmentHash::remove);
        if (round.writeShardCount()) {
            storedCount = Optional.of(new StoredShardCount(shardCount, term));
        }
    }

    private List<NodeRecord> members() {
        return nodes.values().stream()
                .filter(node -> now.isBefore(node.recordExpiry))
                .map(node -> new NodeRecord(node.id, node.id, "", 1, node.draining, node.running, Instant.EPOCH, now))
                .toList();
    }

    private void act(Node node) {
        NodeRound round = NodeRound.decide(
                node.id, assignment(), node.running, node.held(), node.handingOff.keySet(), node.draining);
        round.fence().forEach(node.running::remove);
        round.release().forEach(shard -> release(node, shard));
        round.handOff().keySet().forEach(shard -> node.handingOff.put(shard, now.plus(HAND_OFF_TIME)));
        for (int shard : round.start()) {
            Lease lease = leases.get(shard);
            if (lease == null || !now.isBefore(lease.expiry)) {
                Lease taken = new Lease(node.id, ++epoch, now.plus(LEASE_TTL));
                leases.put(shard, taken);
                node.running.add(shard);
                starts.add(new Start(shard, node.id, now, taken.epoch));
            }
        }
        maxInFlight = Math.max(
                maxInFlight,
                nodes.values().stream().mapToInt(n -> n.handingOff.size()).sum());
    }

    private void release(Node node, int shard) {
        Lease lease = leases.get(shard);
        if (lease != null && lease.owner.equals(node.id)) {
            leases.remove(shard);
        }
    }

    private void checkOneOwner() {
        Map<Integer, String> owners = new HashMap<>();
        for (Node node : nodes.values()) {
            for (int shard : node.running) {
                String other = owners.put(shard, node.id);
                if (other != null) {
                    breaches.add("at " + now + " shard " + shard + " runs on " + other + " and " + node.id);
                }
            }
        }
    }
}
