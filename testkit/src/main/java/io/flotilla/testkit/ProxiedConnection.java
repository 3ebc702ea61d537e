package io.flotilla.testkit;

import io.flotilla.testkit.FaultControls.Flow;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client connection through a {@link FaultProxy} and its connection to the target: two {@link Pump}s,
 * one per direction. It ends normally once both directions have ended (each side closed, the close passed
 * on), or at once by {@link #cut()}. Either way it tells the proxy once, through {@code onEnd}.
 *
 * <p>Thread-safe: its pumps' threads and the test thread (through the proxy) may end it concurrently.
 */
final class ProxiedConnection {
    private final Socket client;
    private final Socket server;
    private final Pump requests;
    private final Pump replies;
    private final AtomicInteger flowsLeft = new AtomicInteger(2);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Consumer<ProxiedConnection> onEnd;

    ProxiedConnection(
            long number, Socket client, Socket server, FaultControls controls, Consumer<ProxiedConnection> onEnd) {
        this.client = client;
        this.server = server;
        this.onEnd = onEnd;
        this.requests = new Pump(Flow.REQUESTS, number, client, server, controls, this::flowEnded);
        this.replies = new Pump(Flow.REPLIES, number, server, client, controls, this::flowEnded);
    }

    void start(ProxyThreads threads, String name) {
        requests.start(threads, name);
        replies.start(threads, name);
    }

    /**
     * Ends the connection abruptly: both sockets reset (SO_LINGER 0, so the peers see RST, not FIN), every
     * buffered or held byte dropped.
     */
    void cut() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        reset(client);
        reset(server);
        requests.stop();
        replies.stop();
        onEnd.accept(this);
    }

    private void flowEnded() {
        if (flowsLeft.decrementAndGet() > 0 || !ended.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(client);
        closeQuietly(server);
        onEnd.accept(this);
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // Closing below is all that is left to do.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to recover: the connection is over either way.
        }
    }
}
