package io.flotilla.node.demo;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * The demo's Redis: {@code redis-server} from the PATH, else the binary shipped in the embedded-redis jar (its
 * {@link ExecutableProvider}), on a free loopback port, AOF on, data and log in the given folder. Not the
 * testkit's {@code RedisProcess}: that one is test-only.
 *
 * <p>Started and closed by the demo's one thread.
 */
final class DemoRedis implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;

    private DemoRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static DemoRedis start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = List.of(
                executable().getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--appendonly",
                "yes",
                "--save",
                "",
                "--protected-mode",
                "no");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        DemoRedis redis = new DemoRedis(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!redis.answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                redis.close();
                throw new IOException(
                        "redis-server did not start on port " + port + "; see " + dir.resolve("redis.log"));
            }
            Thread.sleep(50);
        }
        return redis;
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    private static File executable() throws IOException {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File candidate = new File(dir, "redis-server");
                if (candidate.canExecute()) {
                    return candidate;
                }
            }
        }
        return ExecutableProvider.newJarResourceProvider().get();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = socket.getInputStream().readNBytes(5);
            return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGTERM (Redis exits at once, flushing its AOF), SIGKILL after 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
