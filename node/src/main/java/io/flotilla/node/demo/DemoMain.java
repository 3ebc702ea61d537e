package io.flotilla.node.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/demo}'s entry: {@code --fake-only [fake options]} runs the fake Discord alone ({@code
 * io.flotilla.fake.Main}); otherwise a whole cluster ({@link Demo}) until Ctrl-C, whose shutdown hook lets the
 * demo stop every process it started and delete its temp folder before the JVM exits. Exit 2 for bad flags.
 *
 * <p>{@link #run} is the testable entry: it returns once the demo stopped.
 */
public final class DemoMain {
    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--fake-only")) {
            io.flotilla.fake.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("demo-shutdown").unstarted(() -> {
                    stop.countDown();
                    try {
                        finished.await(30, TimeUnit.SECONDS); // the demo closes its processes first
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        int code;
        try {
            code = run(args, out, System.err, stop);
        } finally {
            finished.countDown();
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the demo until {@code stop} opens; 0 after a run or {@code --help}, 2 for bad flags, 1 on failure. */
    public static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop)
            throws InterruptedException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            err.print(DemoOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(DemoOptions.USAGE);
            return 0;
        }
        out.println("Flotilla demo: Redis, the fake Discord, 3 nodes on 127.0.0.1; Ctrl-C stops everything.");
        try {
            new Demo(options, out, InstantSource.system()).run(stop);
            return 0;
        } catch (java.io.IOException | RuntimeException e) {
            err.println("demo: " + e); // everything it started is closed by now
            return 1;
        }
    }
}
