package io.flotilla.node;

import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.NetNamespace;
import io.flotilla.testkit.PartitionNetwork;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The namespace mode of a {@link NodeCluster}: which node runs in which network namespace of a
 * {@link PartitionNetwork}, and where every node reaches Redis and the fake Discord. The fake listens on the
 * network's hub address; Redis (on loopback) is reached through a plain {@link FaultProxy} on the hub, unless the
 * test routes the nodes through a proxy of its own ({@link NodeCluster#routeNodesThrough}, which must then listen
 * on the hub too). Nodes outside a namespace use the same addresses, so a partition is a property of the
 * namespace alone.
 *
 * <p>A node keeps its namespace across restarts. The namespaces are the network's (it removes them); this owns
 * the forwarder. One test thread.
 */
final class NodeNamespaces implements AutoCloseable {
    private final PartitionNetwork network;
    private final FaultProxy redisForwarder;
    private final Map<String, NetNamespace> byNode = new HashMap<>();

    NodeNamespaces(PartitionNetwork network, URI redis) {
        this.network = network;
        this.redisForwarder = FaultProxy.to(redis, network.hub());
    }

    /** From now on, {@code node} starts inside its own namespace (made now, or the one it had). */
    NetNamespace isolate(String node) {
        return byNode.computeIfAbsent(node, network::namespace);
    }

    NetNamespace namespace(String node) {
        return Objects.requireNonNull(byNode.get(node), () -> node + " runs in no namespace; isolate it first");
    }

    /** The argv prefix that starts {@code node} where it runs (nothing outside a namespace). */
    List<String> prefix(String node) {
        NetNamespace namespace = byNode.get(node);
        return namespace == null ? List.of() : namespace.exec();
    }

    /** Redis for the nodes, on the hub, unless the test routes them elsewhere. */
    URI redis() {
        return redisForwarder.uri();
    }

    /** The peer a {@code host:port} URI names, to cut a namespace's path to. */
    static InetSocketAddress peer(URI uri) {
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }

    @Override
    public void close() {
        redisForwarder.close();
    }
}
