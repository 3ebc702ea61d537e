package io.flotilla.testkit;

import io.flotilla.testkit.FaultControls.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A loopback TCP proxy that puts network faults between a client and a server (the committer and Redis):
 * it listens on {@code 127.0.0.1} (or one other address of this machine, such as a {@link PartitionNetwork}'s
 * hub, never a wildcard) on a free port and forwards every connection it accepts to the target, both
 * directions, bytes unchanged.
 *
 * <p>Its switches act at once on every live connection, on the bytes already buffered, and on connections
 * opened later:
 *
 * <ul>
 *   <li>{@link #delay}: each chunk is forwarded that long after it arrived, in order, in each direction;
 *   <li>{@link #hold()} / {@link #release()}: client-to-server bytes are kept, in order, while replies still
 *       flow: a command sitting unread in the server's socket buffer. <b>Held bytes are delivered on release
 *       even if the client has closed its connection meanwhile</b> (its close reaches the server after
 *       them): this is how a MULTI/EXEC sent on a connection the client gave up on executes late;
 *   <li>{@link #holdReplies()} / {@link #releaseReplies()}: the same for server-to-client bytes, a late or
 *       (with {@link #cut()}) lost reply;
 *   <li>{@link #cut()}: every live connection reset at once on both sides, buffered bytes dropped;
 *   <li>{@link #refuse}: new connections refused (the port stops listening) or accepted again; {@link
 *       #refuseAfter}: refused once a number of them were accepted.
 * </ul>
 *
 * <p>Two daemon threads per direction of each connection plus one accepting; {@link #close()} resets
 * every connection and joins them all. A close of either side is passed on as a half-close; a reset read
 * from a side ends that direction like a close does. Thread-safe: a test thread drives the switches while
 * the proxy's threads forward.
 */
public final class FaultProxy implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress target;
    private final InetAddress listenAddress;
    private final int port;
    private final FaultControls controls = new FaultControls();
    private final ProxyThreads threads;
    private final Set<ProxiedConnection> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private @Nullable ServerSocket listener; // guarded by this; null while refusing and once closed
    private boolean closed; // guarded by this
    private int acceptsLeft = -1; // guarded by this; connections to accept before refusing, -1 = no limit

    private FaultProxy(InetSocketAddress target, InetAddress listenAddress) {
        if (listenAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException("a fault proxy listens on one address, never the wildcard "
                    + listenAddress.getHostAddress() + "; give 127.0.0.1 or a test network's hub address");
        }
        this.target = target;
        this.listenAddress = listenAddress;
        ServerSocket bound = bind(0);
        this.port = bound.getLocalPort();
        this.threads = new ProxyThreads("fault-proxy-" + port + "-");
        listen(bound);
    }

    /** A proxy to {@code host:port}, listening at once. */
    public static FaultProxy to(String host, int port) {
        return new FaultProxy(new InetSocketAddress(host, port), InetAddress.getLoopbackAddress());
    }

    /** A proxy to the host and port of {@code target}, e.g. {@code TestRedis.uri()} or {@code redis://h:p}. */
    public static FaultProxy to(URI target) {
        return to(target, InetAddress.getLoopbackAddress());
    }

    /**
     * Like {@link #to(URI)}, listening on {@code listenOn} instead of loopback: a {@link PartitionNetwork}'s hub,
     * where processes inside its namespaces reach it.
     */
    public static FaultProxy to(URI target, InetAddress listenOn) {
        if (target.getHost() == null || target.getPort() < 0) {
            throw new IllegalArgumentException(
                    "a proxy target needs a host and a port, like redis://127.0.0.1:6379; got " + target);
        }
        return new FaultProxy(new InetSocketAddress(target.getHost(), target.getPort()), listenOn);
    }

    /** The port clients connect to. */
    public int port() {
        return port;
    }

    /** The address and port clients connect to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listenAddress, port);
    }

    /** {@code redis://<listen address>:<port()>}: give this to the client instead of the server's address. */
    public URI uri() {
        return URI.create("redis://" + listenAddress.getHostAddress() + ":" + port);
    }

    /** Forwards each chunk {@code delay} after it arrived, per direction, in order; {@code ZERO} for none. */
    public void delay(Duration delay) {
        controls.delay(delay);
    }

    /** Stops forwarding client-to-server bytes; they are kept, in order, until {@link #release()}. */
    public void hold() {
        controls.hold(Flow.REQUESTS, true);
    }

    /** Forwards the held client-to-server bytes, in order, even those of clients that closed since. */
    public void release() {
        controls.hold(Flow.REQUESTS, false);
    }

    /**
     * Like {@link #hold()}, for the connections open now only: connections opened later flow freely. A command the
     * client sent on a connection it then gave up on sits unread while the client's retry on a new connection
     * goes through; {@link #releaseLive()} then delivers it, late.
     */
    public void holdLive() {
        controls.holdRequestsBelow(connectionIds.get() + 1);
    }

    /** Forwards what {@link #holdLive()} held, in order, even for clients that closed since. */
    public void releaseLive() {
        controls.holdRequestsBelow(0);
    }

    /** Stops forwarding server-to-client bytes; they are kept, in order, until {@link #releaseReplies()}. */
    public void holdReplies() {
        controls.hold(Flow.REPLIES, true);
    }

    /** Forwards the held server-to-client bytes, in order. */
    public void releaseReplies() {
        controls.hold(Flow.REPLIES, false);
    }

    /** Resets every live connection on both sides (RST, SO_LINGER 0) and drops what they buffered. */
    public void cut() {
        List.copyOf(live).forEach(ProxiedConnection::cut);
    }

    /**
     * {@code true}: the port stops listening, so a connect is refused (live connections go on);
     * {@code false}: it listens again, on the same port.
     */
    public synchronized void refuse(boolean refuse) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        acceptsLeft = -1;
        ServerSocket current = listener;
        if (refuse && current != null) {
            listener = null;
            closeQuietly(current);
        } else if (!refuse && current == null) {
            listen(bind(port));
        }
    }

    /**
     * Accepts the next {@code count} connections, then refuses new ones as {@link #refuse refuse(true)} does, until
     * {@code refuse(false)}: a client whose first connection works and whose next ones do not (Redis going away
     * while a process starts).
     */
    public synchronized void refuseAfter(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("accept at least one connection before refusing, got " + count);
        }
        refuse(false);
        acceptsLeft = count;
    }

    /** Connections not yet ended: a connection counts until both its directions ended, or it was cut. */
    public int connections() {
        return live.size();
    }

    /** Stops listening, resets every connection and waits for the proxy's threads to end. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                closeQuietly(listener);
                listener = null;
            }
        }
        cut();
        try {
            List<String> left = threads.joinAll(CLOSE_TIMEOUT);
            if (!left.isEmpty()) {
                throw new IllegalStateException(left.size() + " threads of " + this + " still run " + CLOSE_TIMEOUT
                        + " after its close; a forwarding thread is stuck: " + left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "fault proxy " + listenAddress.getHostAddress() + ":" + port + " -> " + target.getHostString() + ":"
                + target.getPort();
    }

    private void listen(ServerSocket bound) {
        listener = bound;
        threads.start("accept", () -> accept(bound));
    }

    private void accept(ServerSocket bound) {
        while (true) {
            Socket client;
            try {
                client = bound.accept();
            } catch (IOException closedOrRefusing) {
                return;
            }
            synchronized (this) {
                if (acceptsLeft > 0 && --acceptsLeft == 0) {
                    refuse(true); // closes this listener: the loop ends at its next accept
                }
            }
            open(client);
        }
    }

    private void open(Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException targetDown) {
            // The target refused: the client sees its connection reset, as through a real middlebox.
            resetQuietly(client);
            closeQuietly(server);
            return;
        }
        long number = connectionIds.incrementAndGet();
        ProxiedConnection connection = new ProxiedConnection(number, client, server, controls, live::remove);
        synchronized (this) {
            if (closed) {
                connection.cut();
                return;
            }
            live.add(connection);
            // Started under the lock: a close either comes first (and the connection is cut above) or finds its
            // threads running. Started after it, a thread could begin while close() was joining the others and be
            // counted as stuck without being waited for (seen once in CI).
            connection.start(threads, "c" + number);
        }
    }

    private ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(listenAddress, port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the fault proxy could not listen on " + listenAddress.getHostAddress() + ":"
                            + (port == 0 ? "<free port>" : port),
                    e);
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // Closing is all that is left.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Nothing to recover from: it is being discarded.
        }
    }
}
