package io.flotilla.node;

import io.flotilla.worker.Event;
import io.flotilla.worker.GroupDedup;
import io.flotilla.worker.Keys;
import io.flotilla.worker.Worker;
import io.flotilla.worker.WorkerSettings;
import io.lettuce.core.RedisClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A worker process for the end-to-end tests: consumes MESSAGE_CREATE in group {@value #GROUP} on the Java SDK and
 * prints {@code handled <shard> <session> <seq>} for each event its handler ran on, flushed at once, so a test
 * reading its output after a SIGKILL sees every event this process handled. Entries another consumer left are
 * reclaimed after 2 s; group-wide de-duplication is on unless {@code DEDUP=off}; {@code HANDLER_MS} makes each
 * handler take that long (so a kill finds entries in hand).
 *
 * <p>Environment: {@code REDIS_URL}, {@code KEY_PREFIX}, {@code QUEUE_PREFIX}, {@code GROUP_NAME}, {@code CONSUMER}.
 * Runs until killed.
 */
final class TallyWorker {
    static final String GROUP = "tally";
    static final Duration RECLAIM_AFTER = Duration.ofSeconds(2);

    private TallyWorker() {}

    public static void main(String[] args) {
        ParentWatch.startIfAsked(System.getenv(), System.in);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Keys keys = new Keys(System.getenv("KEY_PREFIX"), System.getenv("QUEUE_PREFIX"), System.getenv("GROUP_NAME"));
        long handlerMillis = Long.parseLong(System.getenv().getOrDefault("HANDLER_MS", "0"));
        GroupDedup dedup = "off".equals(System.getenv("DEDUP")) ? GroupDedup.OFF : GroupDedup.DEFAULT;
        RedisClient client = RedisClient.create(System.getenv("REDIS_URL"));
        try (Worker worker = Worker.builder(client, keys, GROUP, System.getenv("CONSUMER"))
                .settings(new WorkerSettings(50, Duration.ofMillis(200), RECLAIM_AFTER, 5, 10_000, dedup))
                .on("MESSAGE_CREATE", (Event event) -> {
                    if (handlerMillis > 0) {
                        try {
                            Thread.sleep(handlerMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    out.println("handled " + event.shard() + " " + event.session() + " " + event.seq());
                    out.flush();
                })
                .build()) {
            out.println("tally worker ready");
            out.flush();
            worker.run();
        } finally {
            client.shutdown();
        }
    }
}
