package io.flotilla.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import redis.embedded.core.ExecutableProvider;

/**
 * A {@code redis-server} process that this JVM started on a free loopback port, with AOF on (as the demo
 * and production run it) and its data in a private temporary folder.
 *
 * <p>The binary is {@code redis-server} from the PATH when there is one, else the real Redis binary shipped
 * inside the {@code com.github.codemonstur:embedded-redis} jar. {@link #kill()} and {@link #start()} let a
 * test take Redis away and bring it back on the same port with the same data; {@link #snapshot()} and
 * {@link #restartFrom} bring it back with older data, as a server that lost its last writes.
 *
 * <p>{@link #close()} kills the server and deletes its data folder and every snapshot taken of it; a server
 * still open when the JVM exits is closed by a shutdown hook, so tests and benchmarks leave nothing behind.
 *
 * <p>One test thread drives it; its methods are synchronized only so that the JVM-exit hook can close it.
 */
public final class RedisProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern PATH_SEPARATOR = Pattern.compile(Pattern.quote(File.pathSeparator));
    private static final String LOG_FILE = "redis.log";

    private final File executable;
    private final Path dataDir;
    private final int port;
    private final List<RedisSnapshot> snapshots = new ArrayList<>();
    private Process process;

    private RedisProcess(File executable, Path dataDir, int port) {
        this.executable = executable;
        this.dataDir = dataDir;
        this.port = port;
        ShutdownCleanup.register(this);
        try {
            this.process = launch();
        } catch (RuntimeException e) {
            TempFolders.deleteTree(dataDir);
            ShutdownCleanup.forget(this);
            throw e;
        }
    }

    /** Starts a new Redis on a free port; the caller closes it. */
    public static RedisProcess startNew() {
        File executable;
        int port;
        try {
            executable = findExecutable();
            port = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a Redis server for the tests", e);
        }
        Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        Leftovers.sweepOnce(tempDir);
        return new RedisProcess(executable, TempFolders.create(Leftovers.PREFIX), port);
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The server's data folder (its AOF and {@code redis.log}); deleted by {@link #close()}. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Kills the server with SIGKILL, as a crash would; its AOF stays on disk. A child it forked (an AOF
     * rewrite) is killed too, so nothing writes into the data folder afterwards.
     */
    public synchronized void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Freezes the server with SIGSTOP (a stalled host, a long GC pause): connections stay open, nothing is
     * answered, until {@link #unfreeze()}.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Lets a frozen server run again (SIGCONT). */
    public synchronized void unfreeze() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + name + " to Redis", e);
        }
    }

    /**
     * Copies the data folder as it is now into a new temporary folder, the server running on.
     *
     * <p>A write Redis has replied to is in the copy: with {@code appendfsync everysec} Redis writes its AOF
     * buffer to the file (the page cache, not yet the disk) before it sends the replies of the same event
     * loop turn, and the copy reads the page cache. The one exception is Redis postponing that write while
     * a slow background fsync is still running (its log says "Asynchronous AOF fsync is taking too long"),
     * which a loopback test on a sane disk does not hit.
     *
     * <p>The snapshot is deleted with this server, or earlier by its own {@link RedisSnapshot#close()}.
     */
    public synchronized RedisSnapshot snapshot() {
        RedisSnapshot snapshot = new RedisSnapshot(TempFolders.create(Leftovers.PREFIX + "snapshot-"));
        ShutdownCleanup.register(snapshot);
        snapshots.add(snapshot);
        Leftovers.claim(snapshot.folder(), 0);
        TempFolders.copyContent(dataDir, snapshot.folder(), RedisProcess::notData);
        return snapshot;
    }

    /**
     * Restarts the server from {@code snapshot}: SIGKILL, the data folder's content replaced by the
     * snapshot's, then a start on the same port; returns once the server answers {@code PING} with
     * {@code PONG} (its AOF loaded). Every write acknowledged after the snapshot is lost, as after a crash
     * of a server whose last writes never reached the disk, or a failover to a lagging replica.
     */
    public synchronized void restartFrom(RedisSnapshot snapshot) {
        if (!Files.isDirectory(snapshot.folder())) {
            throw new IllegalStateException(snapshot + " was closed; take a new one with snapshot()");
        }
        kill();
        TempFolders.deleteContent(dataDir, RedisProcess::notData);
        TempFolders.copyContent(snapshot.folder(), dataDir, RedisProcess::notData);
        process = launch();
    }

    /** Starts the server again on the same port and data folder, after {@link #kill()}. */
    public synchronized void start() {
        if (process.isAlive()) {
            throw new IllegalStateException("Redis on port " + port + " is already running");
        }
        process = launch();
    }

    /** Kills the server and deletes its data folder and its snapshots. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        kill();
        snapshots.forEach(RedisSnapshot::close);
        snapshots.clear();
        TempFolders.deleteTree(dataDir);
        ShutdownCleanup.forget(this);
    }

    @Override
    public String toString() {
        return "redis-server on port " + port + " in " + dataDir;
    }

    /**
     * The log, the owner file and temporary files are the server's and the fixture's own, not its data:
     * never copied, never replaced.
     */
    private static boolean notData(Path entry) {
        String name = entry.getFileName().toString();
        return name.equals(LOG_FILE) || name.equals(Leftovers.OWNER_FILE) || name.startsWith("temp-");
    }

    private Process launch() {
        List<String> command = List.of(
                executable.getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dataDir.toString(),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--protected-mode",
                "no");
        try {
            Process started = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDir.resolve(LOG_FILE).toFile()))
                    .start();
            Leftovers.claim(dataDir, started.pid());
            awaitListening(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable + " on port " + port, e);
        }
    }

    private void awaitListening(Process started) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IOException(
                        "redis-server exited with " + started.exitValue() + "; its log ends with:\n" + logTail());
            }
            if (answersPing()) {
                return;
            }
            sleep(Duration.ofMillis(20));
        }
        started.destroyForcibly();
        throw new IOException("redis-server did not answer PING on port " + port + " within " + START_TIMEOUT);
    }

    /** The last lines of {@code redis.log}, for an error message (the folder is deleted after a failure). */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(LOG_FILE), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * True once the server answers {@code PING} with {@code +PONG}. A listening socket is not enough: after a
     * restart Redis accepts connections while it still loads its AOF and answers {@code -LOADING} until done.
     */
    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[5];
            int read = socket.getInputStream().readNBytes(reply, 0, reply.length);
            return read == reply.length && "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    private static File findExecutable() throws IOException {
        String path = System.getenv("PATH");
        if (path != null) {
            Optional<File> onPath = PATH_SEPARATOR
                    .splitAsStream(path)
                    .map(dir -> new File(dir, "redis-server"))
                    .filter(File::canExecute)
                    .findFirst();
            if (onPath.isPresent()) {
                return onPath.get();
            }
        }
        return ExecutableProvider.newJarResourceProvider().get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
