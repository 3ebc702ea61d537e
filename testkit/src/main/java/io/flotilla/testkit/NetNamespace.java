package io.flotilla.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network namespace of a {@link PartitionNetwork}: a veth pair whose far end, inside the namespace, has the
 * namespace's {@link #address} and whose near end is a port of the network's bridge. A process started with the
 * {@link #exec} prefix runs inside it and reaches only the hub address.
 *
 * <p>Partitions are silent, as a real one is: {@link #cut} makes the path to one peer ({@code hub:port}) drop
 * every packet in both directions, so connections stay open but nothing arrives, a connect hangs, and neither
 * side gets a reset or an ICMP error. The drop is a {@code tc} filter on each end of the veth pair (the
 * namespace's egress to the peer, the bridge port's egress from it) that sends the packets into an HTB class
 * whose queue holds nothing ({@code pfifo limit 0}). Not {@code ip route blackhole}/{@code prohibit}: those
 * fail a local sender at once (EINVAL, EACCES), which tells the node what a partition never does; and the
 * {@code tc} drop action is not in every kernel (this machine's has neither {@code act_gact} nor
 * {@code cls_flower}), while HTB, u32 and pfifo are. The u32 match reads the TCP ports at a fixed offset (an IPv4
 * header without options, which is what Linux sends).
 *
 * <p>{@link #linkDown} takes the bridge's end of the pair down: the node's own interface stays up, so its kernel
 * keeps sending into a dead wire, silently, as when a switch or a far cable fails.
 *
 * <p>Made and closed by its network; one test thread.
 */
public final class NetNamespace {
    private final String label;
    private final String name;
    private final String hostSide;
    private final String inside;
    private final InetAddress address;
    private final Map<InetSocketAddress, Integer> cuts = new LinkedHashMap<>(); // peer -> tc filter priority
    private int nextPriority = 1;

    NetNamespace(String label, int number, String bridge, InetAddress address, InetAddress hub) {
        this.label = label;
        this.name = NetLeftovers.name('n', number);
        this.hostSide = NetLeftovers.name('h', number);
        this.inside = NetLeftovers.name('p', number);
        this.address = address;
        try {
            NetCommands.run("ip", "netns", "add", name);
            NetCommands.run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", inside, "netns", name);
            NetCommands.run("ip", "link", "set", hostSide, "master", bridge);
            NetCommands.run("ip", "link", "set", hostSide, "up");
            NetCommands.run("ip", "-n", name, "addr", "add", address.getHostAddress() + "/24", "dev", inside);
            NetCommands.run("ip", "-n", name, "link", "set", inside, "up");
            NetCommands.run("ip", "-n", name, "link", "set", "lo", "up"); // the node's HTTP binds 127.0.0.1
            addDropClass(List.of("-n", name), inside);
            addDropClass(List.of(), hostSide);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(
                    "could not make the network namespace " + name + " for " + label + " (hub " + hub.getHostAddress()
                            + "): " + e.getMessage(),
                    e);
        }
    }

    /** The argv prefix that runs a command inside this namespace ({@code ip netns exec}, which execs: same pid). */
    public List<String> exec() {
        return List.of("ip", "netns", "exec", name);
    }

    /** The namespace's name ({@code ip netns list}). */
    String name() {
        return name;
    }

    /** The namespace's own address on the bridge. */
    public InetAddress address() {
        return address;
    }

    /** Drops every TCP packet between this namespace and {@code peer}, both ways, until {@link #heal}. */
    public synchronized void cut(InetSocketAddress peer) {
        if (cuts.containsKey(peer)) {
            return;
        }
        int priority = nextPriority++;
        String ip = peer.getAddress().getHostAddress() + "/32";
        String port = Integer.toString(peer.getPort());
        NetCommands.run(tc(List.of("-n", name), "add", inside, priority, "dst", ip, "dport", port));
        NetCommands.run(tc(List.of(), "add", hostSide, priority, "src", ip, "sport", port));
        cuts.put(peer, priority);
    }

    /** Lets packets between this namespace and {@code peer} through again (what was lost stays lost). */
    public synchronized void heal(InetSocketAddress peer) {
        Integer priority = cuts.remove(peer);
        if (priority == null) {
            return;
        }
        NetCommands.run("tc", "-n", name, "filter", "del", "dev", inside, "parent", "1:", "prio", priority.toString());
        NetCommands.run("tc", "filter", "del", "dev", hostSide, "parent", "1:", "prio", priority.toString());
    }

    /** The whole link down: every packet to and from the namespace is lost, silently, until {@link #linkUp}. */
    public synchronized void linkDown() {
        NetCommands.run("ip", "link", "set", hostSide, "down");
    }

    public synchronized void linkUp() {
        NetCommands.run("ip", "link", "set", hostSide, "up");
    }

    /** Deletes the veth pair and the namespace; a process still inside keeps running, without a network. */
    synchronized void close() {
        NetCommands.runQuietly("ip", "link", "delete", hostSide);
        NetCommands.runQuietly("ip", "netns", "delete", name);
    }

    @Override
    public String toString() {
        return "namespace " + name + " (" + label + ", " + address.getHostAddress() + ")";
    }

    /** An HTB root whose class 1:1 drops everything; unclassified packets bypass it (HTB's direct queue). */
    private static void addDropClass(List<String> where, String device) {
        NetCommands.run(
                join(List.of("tc"), where, List.of("qdisc", "add", "dev", device, "root", "handle", "1:", "htb")));
        NetCommands.run(join(
                List.of("tc"),
                where,
                List.of("class", "add", "dev", device, "parent", "1:", "classid", "1:1", "htb", "rate", "1mbit")));
        NetCommands.run(join(
                List.of("tc"),
                where,
                List.of("qdisc", "add", "dev", device, "parent", "1:1", "handle", "10:", "pfifo", "limit", "0")));
    }

    /** A u32 filter sending TCP packets with the given address and port into the drop class. */
    private static String[] tc(
            List<String> where,
            String verb,
            String device,
            int priority,
            String addressField,
            String ip,
            String portField,
            String port) {
        return join(
                List.of("tc"),
                where,
                List.of(
                        "filter",
                        verb,
                        "dev",
                        device,
                        "parent",
                        "1:",
                        "protocol",
                        "ip",
                        "prio",
                        Integer.toString(priority),
                        "u32",
                        "match",
                        "ip",
                        addressField,
                        ip,
                        "match",
                        "ip",
                        "protocol",
                        "6",
                        "0xff",
                        "match",
                        "ip",
                        portField,
                        port,
                        "0xffff",
                        "flowid",
                        "1:1"));
    }

    private static String[] join(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toArray(String[]::new);
    }
}
