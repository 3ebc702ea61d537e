package io.flotilla.testkit;

import io.flotilla.testkit.FaultControls.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * One direction of a proxied connection: a reader thread takes chunks off the source socket as they arrive
 * and stamps them, a writer thread forwards them to the sink in order once {@link FaultControls} lets it.
 * Two threads, so that a held or delayed flow keeps reading (the chunks' arrival times stay true) and the
 * sender is never the one that waits.
 *
 * <p>The buffer is bounded ({@value #CAPACITY} chunks of at most {@value #CHUNK} bytes): when it is full the
 * reader stops reading, and TCP pushes back on the sender.
 *
 * <p>The end of the source (EOF, or a reset: both end the flow) travels as a last chunk behind the data, so
 * it is held and delayed like the data; the writer then half-closes the sink. A failed write to the sink
 * (its peer is gone) makes the writer discard the rest, still draining the reader. {@link #stop()} drops
 * everything at once.
 */
final class Pump {
    private static final int CHUNK = 16 * 1024;
    private static final int CAPACITY = 256;

    /** Bytes read at {@code arrivalNanos}, or the end of the source ({@code end}, no bytes). */
    private record Chunk(byte[] bytes, long arrivalNanos, boolean end) {}

    private final Flow flow;
    private final Socket source;
    private final Socket sink;
    private final FaultControls controls;
    private final Runnable onDone;
    private final BlockingQueue<Chunk> buffer = new ArrayBlockingQueue<>(CAPACITY);
    private final long connection;
    private volatile boolean stopped;
    private @Nullable Thread reader;
    private @Nullable Thread writer;

    Pump(Flow flow, long connection, Socket source, Socket sink, FaultControls controls, Runnable onDone) {
        this.flow = flow;
        this.connection = connection;
        this.source = source;
        this.sink = sink;
        this.controls = controls;
        this.onDone = onDone;
    }

    void start(ProxyThreads threads, String name) {
        String direction = flow.name().toLowerCase(Locale.ROOT);
        reader = threads.start(name + "-" + direction + "-in", this::read);
        writer = threads.start(name + "-" + direction + "-out", this::write);
    }

    /** Drops the buffered chunks and ends both threads; the caller has closed (reset) the sockets. */
    void stop() {
        stopped = true;
        buffer.clear();
        interrupt(reader);
        interrupt(writer);
    }

    private void read() {
        byte[] bytes = new byte[CHUNK];
        try {
            InputStream in = source.getInputStream();
            for (int n = in.read(bytes); n >= 0 && !stopped; n = in.read(bytes)) {
                buffer.put(new Chunk(Arrays.copyOf(bytes, n), System.nanoTime(), false));
            }
        } catch (IOException endOfFlow) {
            // A reset or a closed socket ends the flow like EOF does.
        } catch (InterruptedException stoppedWhileFull) {
            return;
        }
        try {
            buffer.put(new Chunk(new byte[0], System.nanoTime(), true));
        } catch (InterruptedException stoppedWhileFull) {
            // stop() dropped everything anyway.
        }
    }

    private void write() {
        boolean sinkBroken = false;
        try {
            OutputStream out = sink.getOutputStream();
            while (!stopped) {
                Chunk chunk = buffer.take();
                controls.awaitForwardable(flow, connection, chunk.arrivalNanos());
                if (stopped) {
                    return;
                }
                if (chunk.end()) {
                    halfCloseSink(sinkBroken);
                    onDone.run();
                    return;
                }
                if (!sinkBroken) {
                    sinkBroken = !forward(out, chunk.bytes());
                }
            }
        } catch (InterruptedException | IOException stoppedOrGone) {
            // stop() interrupted us, or the sink socket was already closed: nothing left to forward.
        }
    }

    private static boolean forward(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException peerGone) {
            return false;
        }
    }

    private void halfCloseSink(boolean sinkBroken) {
        if (sinkBroken || sink.isClosed()) {
            return;
        }
        try {
            sink.shutdownOutput();
        } catch (IOException alreadyGone) {
            // The peer went away first; the other direction will notice.
        }
    }

    private static void interrupt(@Nullable Thread thread) {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
