package io.flotilla.node;

import io.flotilla.gateway.ShardFailure;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs one node from the environment (node/README.md lists the variables). SIGTERM or Ctrl-C is a graceful stop:
 * the node drains (its shards move to other nodes by RESUME), waits for that up to {@code SHUTDOWN_GRACE}, closes
 * and exits 0. Exit 1: a fatal error (the bot token was rejected, an application-wide close such as 4004); exit 2:
 * a bad configuration. Each failure is one clear line on stderr.
 */
public final class Main {
    static final int FATAL = 1;
    static final int BAD_CONFIG = 2;

    private Main() {}

    public static void main(String[] args) {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(runFromEnv(System.getenv(), System.in, System.out, err));
    }

    /**
     * Reads the configuration from {@code env} and runs the node until a stop signal ({@code flotilla node}).
     *
     * @param in the input a parent process may hold open ({@code FLOTILLA_PARENT_WATCH}): the node stops at its end
     * @return the exit code: 0 after a graceful stop, 1 on a fatal error, 2 for a bad configuration
     */
    public static int runFromEnv(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        NodeConfig config;
        try {
            config = NodeConfig.fromEnv(env, Main::hostname);
        } catch (ConfigException e) {
            err.println("flotilla: bad configuration: " + e.getMessage());
            return BAD_CONFIG;
        }
        // Before the first logger exists: logback.xml picks its appender from this property.
        System.setProperty(LogFormat.PROPERTY, config.logFormat().value());
        ParentWatch.startIfAsked(env, in);
        out.println("flotilla node " + config.nodeName() + " in group " + config.groupName() + ", "
                + (config.shardCount().isPresent()
                        ? config.shardCount().getAsInt() + " shards"
                        : "shard count from Discord")
                + ", Redis " + config.redis().host() + ":" + config.redis().port());
        return run(config, err);
    }

    /** Runs the node until a stop signal (exit code 0) or a fatal error (1). */
    static int run(NodeConfig config, PrintStream err) {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(0);
        Thread main = Thread.currentThread();
        NodeRunner runner = new NodeRunner();
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            runner.stopRequested(main);
            try {
                stopped.await(); // the JVM exits when the hooks end: let main finish the drain first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A JVM ended by SIGTERM exits with 143 once the hooks are done; a drained node exits with its own code.
            System.out.flush();
            err.flush();
            Runtime.getRuntime().halt(exit.get());
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            NodeAssembly node = NodeAssembly.start(config, InstantSource.system());
            runner.started(node);
            ShardFailure failure = runner.awaitStopOrFailure(node);
            if (failure != null) {
                err.println("flotilla: stopping: " + failure.message());
                exit.set(FATAL);
                node.close();
            } else {
                boolean drained = node.stopGracefully(config.shutdownGrace());
                if (!drained) {
                    err.println("flotilla: not every shard was handed off within SHUTDOWN_GRACE ("
                            + config.shutdownGrace().toSeconds() + " s); the rest close resumably now");
                }
                node.close();
            }
        } catch (FatalNodeException e) {
            err.println("flotilla: " + e.getMessage());
            exit.set(FATAL);
        } catch (InterruptedException e) {
            // stopped while starting: nothing runs yet
        } catch (RuntimeException e) {
            err.println("flotilla: the node failed: " + e);
            exit.set(FATAL);
        } finally {
            stopped.countDown();
        }
        return exit.get();
    }

    /** The default node name: {@code HOSTNAME}, else the host's name, else {@code node-<pid>}. */
    public static String hostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node-" + ProcessHandle.current().pid();
        }
    }

    /** Hands the stop signal from the shutdown hook to the main thread. Thread-safe. */
    static final class NodeRunner {
        private final CountDownLatch stop = new CountDownLatch(1);
        private volatile @Nullable NodeAssembly node;

        void started(NodeAssembly started) {
            node = started;
        }

        /** From the hook: a running node drains on main; a node still starting is interrupted. */
        synchronized void stopRequested(Thread main) {
            if (node == null) {
                main.interrupt();
            }
            stop.countDown();
        }

        /** Waits for a stop signal (null) or an application-wide shard failure. */
        @Nullable
        ShardFailure awaitStopOrFailure(NodeAssembly running) throws InterruptedException {
            running.fatal().whenComplete((failure, error) -> stop.countDown());
            stop.await();
            return running.fatal().getNow(null);
        }
    }
}
