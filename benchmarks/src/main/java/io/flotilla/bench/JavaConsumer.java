package io.flotilla.bench;

import com.sun.management.OperatingSystemMXBean;
import io.flotilla.worker.GroupDedup;
import io.flotilla.worker.Keys;
import io.flotilla.worker.Worker;
import io.flotilla.worker.WorkerSettings;
import io.lettuce.core.RedisClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of {@link WorkerConsume}, in its own JVM: one Worker (the SDK's defaults but the batch and dedup
 * given) consumes MESSAGE_CREATE in a fresh group, parses each event's {@code d} and acknowledges it, until it has
 * handled {@code count}; then prints {@code done <events> <wall ms> <cpu ms>} (the CPU time of this whole JVM, JIT
 * and GC included) and exits.
 *
 * <p>Arguments: redis-uri, group, count, dedup (on/off), batch.
 */
final class JavaConsumer {
    private JavaConsumer() {}

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String group = args[1];
        long count = Long.parseLong(args[2]);
        GroupDedup dedup = args[3].equals("on") ? GroupDedup.DEFAULT : GroupDedup.OFF;
        int batch = Integer.parseInt(args[4]);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        RedisClient client = RedisClient.create(uri);
        AtomicLong handled = new AtomicLong();
        AtomicLong guilds = new AtomicLong(); // the parsed tree is used, so the parse is not optimised away
        long[] started = {0};
        Worker[] self = {null};
        Worker worker = Worker.builder(client, Keys.defaults("bench"), group, "java-1")
                .settings(new WorkerSettings(batch, Duration.ofMillis(100), Duration.ofSeconds(60), 5, 10_000, dedup))
                .on("MESSAGE_CREATE", event -> {
                    if (started[0] == 0) {
                        started[0] = System.nanoTime();
                    }
                    guilds.addAndGet(event.json().path("guild_id").asText().length());
                    if (handled.incrementAndGet() == count) {
                        // close() waits for run() to return: from another thread, not from run's own handler
                        Thread.ofPlatform().start(self[0]::close);
                    }
                })
                .build();
        self[0] = worker;
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        worker.run();
        long wall = System.nanoTime() - wallBefore;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        System.out.printf(
                Locale.ROOT, "done %d %d %d (%d)%n", handled.get(), wall / 1_000_000, cpu / 1_000_000, guilds.get());
        client.shutdown();
    }
}
