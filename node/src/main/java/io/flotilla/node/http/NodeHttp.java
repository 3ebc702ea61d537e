package io.flotilla.node.http;

import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ControlResult;
import io.flotilla.node.Secret;
import io.flotilla.node.metrics.NodeMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The node's HTTP side for its whole life: started first (so {@code /health} and {@code /metrics} answer and
 * {@code /ready} says "starting" while the node waits for Discord and Redis), {@link #attach}ed to the running node
 * once it is wired, closed last. Publishes the address other processes reach it at ({@link #publishedAddress}, the
 * node record's {@code http} field).
 *
 * <p>Thread-safe: the probe is a volatile reference the routes read.
 */
public final class NodeHttp implements AutoCloseable {
    /** What a node that is still starting answers. */
    private static final NodeProbe STARTING = new NodeProbe() {
        @Override
        public ReadinessFacts readiness() {
            return ReadinessFacts.starting();
        }

        @Override
        public CompletionStage<ClusterSnapshot> cluster() {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the node is still starting (waiting for Discord and Redis); the cluster shows once it runs"));
        }

        @Override
        public CompletionStage<ControlResult> drain(Optional<String> node) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("the node is still starting; ask again once it has joined"));
        }

        @Override
        public CompletionStage<ControlResult> move(int shard, String node) {
            return drain(Optional.empty());
        }
    };

    private final NodeHttpServer server;
    private final NodeMetrics metrics;
    private volatile NodeProbe probe = STARTING;

    private NodeHttp(NodeHttpServer server, NodeMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    /**
     * Starts the server on {@code host:port} (0: any free port) with the routes of {@link NodeRoutes}.
     *
     * @param adminToken the admin API's token; empty: no admin API
     * @throws IllegalStateException when the address cannot be bound
     */
    public static NodeHttp start(String host, int port, Optional<Secret> adminToken, NodeMetrics metrics) {
        Holder holder = new Holder();
        Optional<BearerAuth> admin = adminToken.map(secret -> new BearerAuth(secret.value()));
        NodeHttpServer server = NodeHttpServer.start(host, port, NodeRoutes.routes(metrics, holder::probe, admin));
        NodeHttp http = new NodeHttp(server, metrics);
        holder.http = http;
        return http;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    /** The running node answers from now on. */
    public void attach(NodeProbe running) {
        probe = running;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * {@code host:port} for the node record: the bound address, or this machine's address when bound to every
     * interface (a pod's IP under Kubernetes).
     */
    public String publishedAddress() {
        InetSocketAddress bound = server.address();
        String host = bound.getAddress().getHostAddress();
        if (bound.getAddress().isAnyLocalAddress()) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                host = bound.getAddress().getHostAddress();
            }
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Lets the routes, built before this object, read its probe. */
    private static final class Holder {
        volatile @Nullable NodeHttp http;

        NodeProbe probe() {
            NodeHttp current = http;
            return current == null ? STARTING : current.probe;
        }
    }
}
