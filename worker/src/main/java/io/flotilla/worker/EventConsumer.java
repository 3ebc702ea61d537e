package io.flotilla.worker;

import io.lettuce.core.Consumer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads dispatches from the event streams of the chosen event names as one consumer of a consumer group:
 * {@link #poll} for new entries, {@link #reclaim} for entries another consumer took and never acknowledged
 * (XAUTOCLAIM), {@link #ack} once handled. Repeats of an event ({@code (shard, session, seq)}) are acknowledged
 * and dropped: those this consumer acknowledged itself (a bounded window, {@link RecentEvents}), and, with
 * {@link GroupDedup} on (the default), those any consumer of the group received, through a short-lived record
 * per event in Redis ({@link GroupDedup} says exactly what that guarantees). An entry read but not yet
 * acknowledged is not a repeat of itself, so reclaiming it after a failed attempt redelivers it. An entry without
 * the event fields is logged, acknowledged and skipped. An event given up on goes to the group's dead-letter stream
 * ({@link #deadLetter}). {@link Worker} runs this loop with handlers per event name.
 *
 * <p>Owns one Redis connection (blocking reads need their own). Not thread-safe: one worker thread polls it.
 */
public final class EventConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    // settings
    private final Keys keys;
    private final String group;
    private final Consumer<String> consumer;
    private final List<String> streams;
    // collaborators
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    // state
    private final RecentEvents recent;
    private final @Nullable DedupRecords groupRecords;
    private final Map<String, String> reclaimCursors = new HashMap<>();
    private final List<RedisFuture<?>> sentAcks = new ArrayList<>();

    /** Like the full constructor, with group-wide de-duplication on ({@link GroupDedup#DEFAULT}). */
    public EventConsumer(
            RedisClient client,
            Keys keys,
            String group,
            String consumerName,
            List<String> eventNames,
            int dedupeWindow) {
        this(client, keys, group, consumerName, eventNames, dedupeWindow, GroupDedup.DEFAULT);
    }

    /**
     * Opens a connection and creates the group on every stream (from the beginning, creating empty streams)
     * when it does not exist yet.
     *
     * @param eventNames the event names to read, e.g. {@code MESSAGE_CREATE}
     * @param dedupeWindow how many recent event identities this consumer remembers for dropping repeats
     * @param groupDedup group-wide de-duplication, or {@link GroupDedup#OFF} for idempotent workers
     */
    public EventConsumer(
            RedisClient client,
            Keys keys,
            String group,
            String consumerName,
            List<String> eventNames,
            int dedupeWindow,
            GroupDedup groupDedup) {
        if (eventNames.isEmpty()) {
            throw new IllegalArgumentException("an event consumer needs at least one event name");
        }
        this.keys = keys;
        this.group = group;
        this.consumer = Consumer.from(group, consumerName);
        this.streams = eventNames.stream().map(keys::events).distinct().toList();
        this.recent = new RecentEvents(dedupeWindow);
        this.connection = client.connect();
        this.redis = connection.sync();
        this.groupRecords = groupDedup.enabled() ? new DedupRecords(keys, group, groupDedup, connection) : null;
        streams.forEach(this::createGroup);
    }

    /** New entries for this consumer, waiting up to {@code block} when there are none. Repeats left out. */
    @SuppressWarnings("unchecked") // Lettuce takes the stream offsets as generic varargs
    public List<Event> poll(int count, Duration block) {
        XReadArgs.StreamOffset<String>[] offsets =
                streams.stream().map(XReadArgs.StreamOffset::lastConsumed).toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, String>> messages =
                redis.xreadgroup(consumer, XReadArgs.Builder.count(count).block(block), offsets);
        return firstSeen(messages == null ? List.of() : messages);
    }

    /**
     * Entries this consumer (by name) read earlier and never acknowledged, e.g. before a restart: read again
     * from its own pending list (XREADGROUP from {@code 0}), up to {@code count} per stream. Repeats left out.
     */
    @SuppressWarnings("unchecked") // Lettuce takes the stream offsets as generic varargs
    public List<Event> ownPending(int count) {
        XReadArgs.StreamOffset<String>[] offsets = streams.stream()
                .map(stream -> XReadArgs.StreamOffset.from(stream, "0"))
                .toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, String>> messages =
                redis.xreadgroup(consumer, XReadArgs.Builder.count(count), offsets);
        return firstSeen(messages == null ? List.of() : messages);
    }

    /**
     * Takes over entries that other consumers of the group read but did not acknowledge within {@code minIdle}
     * (they probably died), up to {@code count} per stream per call. Repeats left out.
     */
    public List<Event> reclaim(Duration minIdle, int count) {
        List<StreamMessage<String, String>> claimed = new ArrayList<>();
        for (String stream : streams) {
            String cursor = reclaimCursors.getOrDefault(stream, "0-0");
            ClaimedMessages<String, String> result = redis.xautoclaim(
                    stream,
                    XAutoClaimArgs.Builder.xautoclaim(consumer, minIdle, cursor).count(count));
            reclaimCursors.put(stream, result.getId());
            claimed.addAll(result.getMessages());
        }
        return firstSeen(claimed);
    }

    /**
     * Acknowledges a handled event, so it is neither redelivered nor reclaimed; with group-wide de-duplication,
     * marks it done first, so its copies are dropped by every consumer of the group.
     */
    public void ack(Event event) {
        ackLater(event);
        awaitAcks();
    }

    /**
     * Sends the acknowledgement of a handled event (and its done mark) at once without waiting for the reply, so the
     * next handler runs while it travels; {@link #awaitAcks} waits for every one sent. A consumer that dies in between
     * leaves those entries pending: they are reclaimed and, with group-wide de-duplication, dropped when the done mark
     * arrived, else handled again (the window {@link GroupDedup} describes, a round trip long).
     */
    public void ackLater(Event event) {
        if (groupRecords != null) {
            sentAcks.addAll(groupRecords.sendDoneAndAck(event));
        } else {
            sentAcks.add(connection.async().xack(event.stream(), group, event.id()));
        }
        recent.handled(event);
    }

    /**
     * Waits for the acknowledgements {@link #ackLater} sent.
     *
     * @throws io.lettuce.core.RedisException when one failed or timed out (its entry stays pending: reclaimed later)
     */
    public void awaitAcks() {
        if (sentAcks.isEmpty()) {
            return;
        }
        try {
            Duration timeout = connection.getTimeout();
            if (!LettuceFutures.awaitAll(timeout, sentAcks.toArray(new RedisFuture<?>[0]))) {
                throw new RedisCommandTimeoutException("acknowledgements took longer than " + timeout);
            }
        } finally {
            sentAcks.clear();
        }
    }

    /**
     * How many times the group delivered this entry (Redis's delivery count: each read or claim adds one), or 0
     * when it is no longer pending (acknowledged, or claimed away and acknowledged by another consumer).
     */
    public long deliveries(Event event) {
        List<PendingMessage> pending = redis.xpending(
                event.stream(),
                XPendingArgs.Builder.xpending(group, Range.create(event.id(), event.id()), Limit.from(1)));
        return pending.isEmpty() ? 0 : pending.get(0).getRedeliveryCount();
    }

    /**
     * Gives the event up: appends it with the error to the group's dead-letter stream {@link Keys#deadLetters},
     * then acknowledges it ({@link #ack}: its copies are dropped too). A consumer that dies between the two leaves
     * the entry pending; whoever reclaims it dead-letters it again, so a dead letter may be written twice (it
     * carries the entry id).
     */
    public void deadLetter(Event event, long deliveries, Throwable error, long failedAtMillis) {
        redis.xadd(
                keys.deadLetters(group),
                DeadLetters.fields(event, consumer.getName(), deliveries, error, failedAtMillis));
        ack(event);
    }

    /** This consumer's name in its group. */
    public String name() {
        return consumer.getName();
    }

    private List<Event> firstSeen(List<StreamMessage<String, String>> messages) {
        List<Event> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            Event event;
            try {
                event = Event.fromEntry(message.getStream(), message.getId(), message.getBody());
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "skipping a malformed event entry (acknowledged so it is not redelivered): {}", e.getMessage());
                redis.xack(message.getStream(), group, message.getId());
                continue;
            }
            if (recent.isRepeat(event)) {
                dropRepeat(event, "this consumer handled it");
            } else {
                events.add(event);
            }
        }
        if (groupRecords == null || events.isEmpty()) {
            return events;
        }
        List<Boolean> first = groupRecords.claim(events);
        List<Event> kept = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (first.get(i)) {
                kept.add(events.get(i));
            } else {
                dropRepeat(events.get(i), "another entry of the group holds it");
            }
        }
        return kept;
    }

    private void dropRepeat(Event event, String why) {
        LOG.debug(
                "dropping repeat of shard {} session {} seq {} ({})", event.shard(), event.session(), event.seq(), why);
        redis.xack(event.stream(), group, event.id());
    }

    private void createGroup(String stream) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException alreadyThere) {
            LOG.debug("consumer group {} already exists on {}", group, stream);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
