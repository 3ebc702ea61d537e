package io.flotilla.fake;

import io.flotilla.fake.world.Dispatch;
import io.flotilla.fake.world.MemberRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Answers an authenticated session's requests (GATEWAY.md 7 and 13): op 8 with GUILD_MEMBERS_CHUNK dispatches
 * or RATE_LIMITED, op 31 with SOUNDBOARD_SOUNDS, op 43 with CHANNEL_INFO. The answers are dispatches of the
 * session, so they take its next seqs and are replayed like any other. Owned by a {@link ShardHub}; called from
 * connection loops, runs on the hub's thread.
 */
final class SessionRequests {

    private final ShardHub hub;

    SessionRequests(ShardHub hub) {
        this.hub = hub;
    }

    /** op 8: chunks, or RATE_LIMITED when the guild's full list was asked for within the cooldown. */
    void requestMembers(GatewayConnection connection, MemberRequest request, boolean fullList) {
        hub.execute(() -> {
            Session session = hub.sessionOf(connection);
            if (session == null) {
                return;
            }
            if (fullList) {
                Optional<Duration> retryAfter = hub.context().memberLimiter.tryFullRequest(request.guildId());
                if (retryAfter.isPresent()) {
                    double seconds = MemberRequestLimiter.seconds(retryAfter.get());
                    hub.produce(
                            session,
                            new Dispatch(
                                    "RATE_LIMITED",
                                    Payloads.rateLimited(seconds, request.guildId(), request.nonce()),
                                    0));
                    return;
                }
            }
            for (byte[] chunk : hub.context().world.requestMembers(request)) {
                hub.produce(session, new Dispatch("GUILD_MEMBERS_CHUNK", chunk, 0));
            }
        });
    }

    /** op 31: one SOUNDBOARD_SOUNDS per guild. */
    void requestSoundboard(GatewayConnection connection, List<String> guildIds) {
        hub.execute(() -> {
            Session session = hub.sessionOf(connection);
            if (session != null) {
                for (String guild : guildIds) {
                    hub.produce(
                            session,
                            new Dispatch(
                                    "SOUNDBOARD_SOUNDS", hub.context().world.soundboardSounds(guild), 0));
                }
            }
        });
    }

    /** op 43: one CHANNEL_INFO. */
    void requestChannelInfo(GatewayConnection connection, String guildId) {
        hub.execute(() -> {
            Session session = hub.sessionOf(connection);
            if (session != null) {
                hub.produce(
                        session,
                        new Dispatch("CHANNEL_INFO", hub.context().world.channelInfo(guildId), 0));
            }
        });
    }
}
