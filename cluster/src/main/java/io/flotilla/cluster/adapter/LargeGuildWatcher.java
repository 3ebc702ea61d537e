package io.flotilla.cluster.adapter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.flotilla.cluster.command.MemberChunker;
import io.flotilla.cluster.command.RateLimited;
import io.flotilla.gateway.Dispatch;
import io.flotilla.protocol.ShardId;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches dispatches for GUILD_CREATEs of large guilds and for RATE_LIMITED refusals of member requests, and tells
 * the {@link MemberChunker}. Reads only the
 * top-level {@code id} and {@code large} of {@code d} with the streaming parser, skipping the rest, since it runs
 * on the shard's event loop.
 *
 * <p>Stateless; thread-safe.
 */
public final class LargeGuildWatcher implements BiConsumer<ShardId, Dispatch> {
    private static final Logger LOG = LoggerFactory.getLogger(LargeGuildWatcher.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final MemberChunker chunker;

    public LargeGuildWatcher(MemberChunker chunker) {
        this.chunker = chunker;
    }

    @Override
    public void accept(ShardId shard, Dispatch dispatch) {
        if (dispatch.type().equals("RATE_LIMITED")) {
            rateLimited(shard, dispatch);
            return;
        }
        if (!dispatch.type().equals("GUILD_CREATE")) {
            return;
        }
        String id = null;
        boolean large = false;
        try (JsonParser parser = JSON.createParser(dispatch.frame(), dispatch.dataOffset(), dispatch.dataLength())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                    id = parser.getText();
                } else if ("large".equals(field)) {
                    large = value == JsonToken.VALUE_TRUE;
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            LOG.warn("GUILD_CREATE on shard {} is not valid JSON; no member request: {}", shard, e.getMessage());
            return;
        }
        if (id != null) {
            chunker.guildCreated(shard.id(), id, large);
        }
    }

    /** GATEWAY.md 6: a request Discord refused for now; the chunker asks again after {@code retry_after}. */
    private void rateLimited(ShardId shard, Dispatch dispatch) {
        try {
            chunker.rateLimited(
                    shard.id(), RateLimited.parse(dispatch.frame(), dispatch.dataOffset(), dispatch.dataLength()));
        } catch (RuntimeException e) {
            LOG.warn("RATE_LIMITED on shard {} could not be read; ignored: {}", shard, e.getMessage());
        }
    }
}
