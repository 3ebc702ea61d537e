package io.flotilla.fake.world;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client's REQUEST_GUILD_MEMBERS (op 8) for one guild, already checked for shape by the server.
 *
 * @param guildId the guild asked about
 * @param query a username prefix ({@code ""} with {@code limit 0}: everyone), or null when {@code userIds} is used
 * @param limit at most this many members (0: no limit, only with an empty query)
 * @param userIds the users asked for by id (at most 100), or empty when {@code query} is used
 * @param presences whether presences were asked for (and the session holds GUILD_PRESENCES)
 * @param nonce echoed in every chunk, or null
 */
public record MemberRequest(
        String guildId,
        @Nullable String query,
        int limit,
        List<String> userIds,
        boolean presences,
        @Nullable String nonce) {

    public MemberRequest {
        userIds = List.copyOf(userIds);
    }
}
