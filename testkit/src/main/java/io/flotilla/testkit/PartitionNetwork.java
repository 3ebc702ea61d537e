package io.flotilla.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A private test network for partition tests: a bridge in this machine's namespace holding one "hub" address
 * ({@code 10.213.X.1/24}, X a /24 no interface here uses), where the test's servers listen (the fake Discord, a
 * {@link FaultProxy} in front of Redis), and any number of {@link NetNamespace}s plugged into it, each a network
 * namespace with one veth pair whose far end has {@code 10.213.X.(10+n)}. A process run inside a namespace
 * reaches the hub and nothing else: no route to any other address, no address on any real interface, and
 * nothing bound to a wildcard address.
 *
 * <p>One bridge rather than one /30 per namespace so that every namespace reaches the same hub address: the
 * fake Discord advertises a single gateway URL to every node, wherever it runs.
 *
 * <p>Needs root and iproute2 ({@code ip}, {@code tc}); {@link #create} skips the test (a JUnit assumption) on a
 * machine without them. Everything it makes is named {@code flt<pid>...} and removed by {@link #close}, by a JVM
 * exit hook when a failed test did not close it, and by the first {@link #create} of a later JVM when this one
 * was SIGKILLed ({@link NetLeftovers}).
 *
 * <p>One test thread drives it; its methods are synchronized so that the exit hook can close it.
 */
public final class PartitionNetwork implements AutoCloseable {
    private static final Pattern PATH_SEPARATOR = Pattern.compile(java.io.File.pathSeparator);
    private static int networks; // guarded by PartitionNetwork.class: numbers this JVM's bridges

    private final String bridge;
    private final int subnet;
    private final InetAddress hub;
    private final List<NetNamespace> namespaces = new ArrayList<>();
    private boolean closed;

    private PartitionNetwork(String bridge, int subnet) {
        this.bridge = bridge;
        this.subnet = subnet;
        this.hub = address(1);
        ShutdownCleanup.register(this);
        try {
            NetCommands.run("ip", "link", "add", bridge, "type", "bridge");
            NetCommands.run("ip", "addr", "add", hub.getHostAddress() + "/24", "dev", bridge);
            NetCommands.run("ip", "link", "set", bridge, "up");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A new network with its bridge up and no namespace yet. Skips the calling test (JUnit assumption) when this
     * machine cannot make namespaces: not root, or no {@code ip}/{@code tc} on the PATH.
     */
    public static PartitionNetwork create() {
        Assumptions.assumeTrue(
                onPath("ip") && onPath("tc"),
                "partition tests need iproute2 (ip, tc) on the PATH to make network namespaces; install iproute2");
        Assumptions.assumeTrue(
                NetCommands.succeeds("ip", "netns", "list") && isRoot(),
                "partition tests need root (CAP_NET_ADMIN) to make network namespaces; run them as root");
        NetLeftovers.sweepOnce();
        int number;
        synchronized (PartitionNetwork.class) {
            number = ++networks;
        }
        return new PartitionNetwork(NetLeftovers.name('b', number), freeSubnet());
    }

    /** The address on the bridge every namespace reaches: where the test's servers listen. */
    public InetAddress hub() {
        return hub;
    }

    /** A new namespace plugged into this network; {@code label} names it in messages only. */
    public synchronized NetNamespace namespace(String label) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        int n = namespaces.size() + 1;
        if (n > 200) {
            throw new IllegalStateException("a partition network holds at most 200 namespaces");
        }
        NetNamespace namespace = new NetNamespace(label, n, bridge, address(10 + n), hub);
        namespaces.add(namespace);
        return namespace;
    }

    /** The bridge's name. */
    String bridge() {
        return bridge;
    }

    /** Removes every namespace (its processes lose their network) and the bridge. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        namespaces.reversed().forEach(NetNamespace::close);
        NetCommands.runQuietly("ip", "link", "delete", bridge);
        ShutdownCleanup.forget(this);
    }

    @Override
    public String toString() {
        return "partition network " + bridge + " (hub " + hub.getHostAddress() + ")";
    }

    private InetAddress address(int host) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) 213, (byte) subnet, (byte) host});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** A third byte X such that no address or route of this machine is in {@code 10.213.X.0/24}. */
    private static int freeSubnet() {
        String used = NetCommands.run("ip", "-4", "-o", "addr", "show") + NetCommands.run("ip", "-4", "route", "show");
        int start = (int) (ProcessHandle.current().pid() % 250);
        for (int i = 0; i < 250; i++) {
            int candidate = 1 + (start + i) % 250;
            if (!used.contains("10.213." + candidate + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("every 10.213.X.0/24 is in use on this machine; remove stale test networks");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && PATH_SEPARATOR.splitAsStream(path).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static boolean isRoot() {
        return NetCommands.run("id", "-u").strip().equals("0");
    }
}
