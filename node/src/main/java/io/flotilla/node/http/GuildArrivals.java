package io.flotilla.node.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.ShardObserver;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.StateChange;
import io.flotilla.protocol.ShardId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether each shard's guilds have arrived (GATEWAY.md 5.4: READY lists the guilds as unavailable, a GUILD_CREATE
 * follows for each). READY's guild ids are read once per session; while some are pending, each GUILD_CREATE's
 * top-level {@code id} is read with the streaming parser and struck off. A guild that stays unavailable (a Discord
 * outage) must not keep the node unready for ever: after {@link #QUIET} without a GUILD_CREATE the rest count as
 * arrived, as discord.js does. A RESUMED session's guilds are there already; a shard that starts afresh forgets
 * what it waited for.
 *
 * <p>Thread-safe: dispatches and state changes come on each shard's event loop; {@link #pending} from any thread.
 */
public final class GuildArrivals implements BiConsumer<ShardId, Dispatch>, ShardObserver {
    /** How long without a GUILD_CREATE before the guilds still pending count as arrived. */
    static final Duration QUIET = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(GuildArrivals.class);
    private static final JsonFactory JSON = new JsonFactory();

    /** The guilds one shard waits for; written on its loop only, read under its own lock. */
    private static final class Waiting {
        final Set<String> ids;
        volatile Instant last;

        Waiting(Set<String> ids, Instant at) {
            this.ids = ids;
            this.last = at;
        }
    }

    private final InstantSource clock;
    private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();

    public GuildArrivals(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void accept(ShardId shard, Dispatch dispatch) {
        String type = dispatch.type();
        if (type.equals("READY")) {
            Set<String> ids = ids(dispatch, "guilds");
            if (ids.isEmpty()) {
                waiting.remove(shard.id());
            } else {
                waiting.put(shard.id(), new Waiting(ids, clock.instant()));
            }
        } else if (type.equals("GUILD_CREATE")) {
            Waiting pending = waiting.get(shard.id());
            if (pending != null) {
                Set<String> id = ids(dispatch, null);
                synchronized (pending) {
                    pending.ids.removeAll(id);
                    pending.last = clock.instant();
                    if (pending.ids.isEmpty()) {
                        waiting.remove(shard.id(), pending);
                    }
                }
            }
        }
    }

    @Override
    public void stateChanged(StateChange change) {
        if (change.from() == ShardState.NEW) {
            waiting.remove(change.shard().id()); // a new Shard: whatever an older one waited for is moot
        }
    }

    /** The shards still waiting for guilds now. */
    public Set<Integer> pending() {
        Instant now = clock.instant();
        Set<Integer> shards = new HashSet<>();
        waiting.forEach((shard, pending) -> {
            if (Duration.between(pending.last, now).compareTo(QUIET) < 0) {
                shards.add(shard);
            }
        });
        return shards;
    }

    /** The ids in {@code d.<array>[*].id}, or {@code d.id} itself when {@code array} is null. */
    private static Set<String> ids(Dispatch dispatch, @org.jspecify.annotations.Nullable String array) {
        Set<String> ids = new HashSet<>();
        try (JsonParser parser = JSON.createParser(dispatch.frame(), dispatch.dataOffset(), dispatch.dataLength())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ids;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (array == null && "id".equals(field) && value == JsonToken.VALUE_STRING) {
                    ids.add(parser.getText());
                    return ids;
                } else if (array != null && array.equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = parser.currentName();
                            JsonToken innerValue = parser.nextToken();
                            if ("id".equals(inner) && innerValue == JsonToken.VALUE_STRING) {
                                ids.add(parser.getText());
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                    return ids;
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            LOG.warn(
                    "{} on shard {} is not valid JSON; its guilds are not waited for: {}",
                    dispatch.type(),
                    dispatch.shard(),
                    e.getMessage());
        }
        return ids;
    }
}
