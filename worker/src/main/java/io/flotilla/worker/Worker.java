package io.flotilla.worker;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend worker: one consumer of a consumer group that hands each event to the handler registered for its name
 * and acknowledges it once the handler returns. Several processes (or instances) with the same group and distinct,
 * stable consumer names share the events. Each round it reads new entries; in its first round and then once per
 * reclaim idle time it also takes over entries left unacknowledged that long (a dead consumer's, or its own that
 * failed: that is the retry); at start it re-reads its own pending entries (a restart under the same name). An entry
 * delivered {@code maxDeliveries} times whose handler fails again goes to {@link Keys#deadLetters} with the error and
 * is acknowledged. De-duplication is {@link EventConsumer}'s (group-wide by default, {@link GroupDedup}).
 *
 * <p>{@link #run} loops on the caller's thread until {@link #close} (from any thread); {@link #runOnce} is one
 * round, for callers with their own loop. Owns its {@link EventConsumer} (one connection).
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final EventConsumer consumer;
    private final Map<String, EventHandler> handlers; // by stream key
    private final WorkerSettings settings;
    private final InstantSource clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long nextReclaimAt;
    private boolean ownPendingRead;
    private volatile boolean closing;
    private boolean running; // guarded by this

    Worker(EventConsumer consumer, Map<String, EventHandler> handlers, WorkerSettings settings, InstantSource clock) {
        this.consumer = consumer;
        this.handlers = Map.copyOf(handlers);
        this.settings = settings;
        this.clock = clock;
        this.nextReclaimAt = clock.millis(); // the first round reclaims: a replacement takes over at once
    }

    /** Starts building a worker of {@code group} named {@code consumerName} (stable across restarts). */
    public static WorkerBuilder builder(RedisClient client, Keys keys, String group, String consumerName) {
        return new WorkerBuilder(client, keys, group, consumerName);
    }

    /**
     * One round: its own pending entries (first round only), reclaimed ones (when due), then new ones (waiting up to
     * the block time). Returns how many events were handled and acknowledged.
     *
     * @throws RedisException when Redis fails; nothing is lost (unacknowledged entries stay pending)
     */
    public int runOnce() {
        List<Event> events = new ArrayList<>();
        if (!ownPendingRead) {
            events.addAll(consumer.ownPending(settings.batch()));
            ownPendingRead = true;
        }
        if (clock.millis() >= nextReclaimAt) {
            events.addAll(consumer.reclaim(settings.reclaimAfter(), settings.batch()));
            nextReclaimAt = clock.millis() + settings.reclaimAfter().toMillis();
        }
        if (events.isEmpty()) {
            events.addAll(consumer.poll(settings.batch(), settings.block()));
        }
        int handled = 0;
        try {
            for (Event event : events) {
                if (handle(event)) {
                    handled++;
                }
            }
        } finally {
            consumer.awaitAcks(); // one wait per round: each acknowledgement left as its handler returned
        }
        return handled;
    }

    /** Runs rounds until {@link #close}; a Redis failure is logged and the round retried after the block time. */
    public void run() {
        synchronized (this) {
            if (closing || running) {
                throw new IllegalStateException(closing ? "this worker is closed" : "this worker already runs");
            }
            running = true;
        }
        boolean failing = false;
        try {
            while (!closing) {
                try {
                    runOnce();
                    if (failing) {
                        LOG.info("worker {} reads from Redis again", consumer.name());
                        failing = false;
                    }
                } catch (RedisException e) {
                    if (closing) {
                        break;
                    }
                    if (!failing) {
                        LOG.warn("worker {}: Redis failed, retrying: {}", consumer.name(), e.toString());
                        failing = true;
                    }
                    pause(settings.block());
                }
            }
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    /** True when the handler returned and the event was acknowledged (or given up and dead-lettered). */
    private boolean handle(Event event) {
        EventHandler handler = handlers.get(event.stream());
        if (handler == null) { // a stream this worker reads always has a handler; defensive
            consumer.ackLater(event);
            return false;
        }
        try {
            handler.handle(event);
        } catch (Exception e) {
            failed(event, e);
            return false;
        }
        consumer.ackLater(event);
        return true;
    }

    private void failed(Event event, Exception error) {
        long deliveries = consumer.deliveries(event);
        if (deliveries == 0) {
            return; // no longer pending: another consumer took it over and finished it
        }
        if (deliveries >= settings.maxDeliveries()) {
            LOG.warn(
                    "{} handler failed on entry {} after {} deliveries; moved to the dead-letter stream: {}",
                    event.type(),
                    event.id(),
                    deliveries,
                    error.toString());
            consumer.deadLetter(event, deliveries, error, clock.millis());
        } else {
            LOG.warn(
                    "{} handler failed on entry {} (delivery {} of {}); retried after {}: {}",
                    event.type(),
                    event.id(),
                    deliveries,
                    settings.maxDeliveries(),
                    settings.reclaimAfter(),
                    error.toString());
        }
    }

    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Stops {@link #run} after its current round (at most the block time) and closes the connection. */
    @Override
    public void close() {
        boolean wasRunning;
        synchronized (this) {
            closing = true;
            wasRunning = running;
        }
        if (!wasRunning) {
            consumer.close();
            return;
        }
        try {
            if (!stopped.await(settings.block().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "worker {} did not stop within its block time; its connection closes with it", consumer.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
