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
 * test take Redis away and bring it back on the same port with the same data.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RedisProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern PATH_SEPARATOR = Pattern.compile(Pattern.quote(File.pathSeparator));

    private final File executable;
    private final Path dataDir;
    private final int port;
    private Process process;

    private RedisProcess(File executable, Path dataDir, int port) {
        this.executable = executable;
        this.dataDir = dataDir;
        this.port = port;
        this.process = launch();
    }

    /** Starts a new Redis on a free port; the caller closes it. */
    public static RedisProcess startNew() {
        try {
            Path dataDir = Files.createTempDirectory("flotilla-redis-");
            return new RedisProcess(findExecutable(), dataDir, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a Redis server for the tests", e);
        }
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Kills the server with SIGKILL, as a crash would; its AOF stays on disk. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port and data folder, after {@link #kill()}. */
    public void start() {
        if (process.isAlive()) {
            throw new IllegalStateException("Redis on port " + port + " is already running");
        }
        process = launch();
    }

    @Override
    public void close() {
        kill();
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
                    .redirectOutput(dataDir.resolve("redis.log").toFile())
                    .start();
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
                        "redis-server exited with " + started.exitValue() + "; see " + dataDir.resolve("redis.log"));
            }
            if (answersPing()) {
                return;
            }
            sleep(Duration.ofMillis(20));
        }
        started.destroyForcibly();
        throw new IOException("redis-server did not answer PING on port " + port + " within " + START_TIMEOUT);
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
