package io.flotilla.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.wire.Intent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The IDENTIFY rules of GATEWAY.md 13, in order: already authenticated 4005, bad token 4004, undefined intent
 * bits 4013, ungranted privileged intents 4014, bad shard 4010, too many guilds 4011, bucket busy op 9 false,
 * budget exhausted 4004 (the first such identify also closes every socket and destroys every session, the
 * fake's stand-in for Discord resetting the token). Every outcome is logged. Used on a connection's loop.
 */
final class IdentifyCheck {

    private final GatewayContext context;
    private final GatewayConnection connection;

    IdentifyCheck(GatewayContext context, GatewayConnection connection) {
        this.context = context;
        this.connection = connection;
    }

    void identify(ClientPayloads payloads, JsonNode d) throws ProtocolViolation {
        if (payloads.authenticated()) {
            throw logged(
                    null, new ProtocolViolation(CloseCode.ALREADY_AUTHENTICATED, "second identify on a connection"));
        }
        IdentifyRequest request;
        try {
            request = IdentifyRequest.parse(d);
        } catch (ProtocolViolation violation) {
            throw logged(null, violation);
        }
        try {
            check(request);
        } catch (ProtocolViolation violation) {
            throw logged(request, violation);
        }
        switch (context.identifyGate.tryIdentify(request.shard().id())) {
            case BUCKET_BUSY -> {
                log(request, "INVALID_SESSION"); // before the op 9, so a client that saw it finds it logged
                connection.control().invalidSession(false);
            }
            case BUDGET_EXHAUSTED -> {
                if (context.identifyGate.firstExhaustion()) {
                    context.terminateEverything("session start limit exhausted");
                }
                throw logged(
                        request,
                        new ProtocolViolation(
                                CloseCode.AUTHENTICATION_FAILED,
                                "session start limit exhausted; it resets in "
                                        + context.identifyGate.budget().resetAfterMillis() + " ms"));
            }
            case ALLOWED -> {
                // The gate's moment, not the hub's: the READY is logged later, on a hub thread that may be busy,
                // and the identify window is kept (and checked) by when identifies were let through.
                Instant allowed = context.log.now();
                ShardHub hub = context.hub(request.shard());
                payloads.identified(hub, request.intents());
                hub.identify(connection, request, allowed);
            }
        }
    }

    private void check(IdentifyRequest request) throws ProtocolViolation {
        if (!request.token().equals(context.config.token())) {
            throw new ProtocolViolation(CloseCode.AUTHENTICATION_FAILED, "identify with an invalid token");
        }
        int intents = request.intents();
        if ((intents & ~Intent.ALL) != 0 || intents < 0) {
            throw new ProtocolViolation(
                    CloseCode.INVALID_INTENTS, "intents " + intents + " hold bits outside " + Intent.ALL);
        }
        int refused = intents & Intent.PRIVILEGED & ~context.config.grantedIntents();
        if (refused != 0) {
            throw new ProtocolViolation(
                    CloseCode.DISALLOWED_INTENTS, "privileged intents " + refused + " are not granted to this app");
        }
        ShardKey shard = request.shard();
        int multiple = context.config.largeBotShardMultiple();
        if (shard.id() < 0 || shard.count() < 1 || shard.id() >= shard.count() || shard.count() % multiple != 0) {
            throw new ProtocolViolation(
                    CloseCode.INVALID_SHARD,
                    "invalid shard " + shard
                            + (multiple > 1 ? " (the shard count must be a multiple of " + multiple + ")" : ""));
        }
        int guilds = context.world.guildIds(shard.id(), shard.count()).size();
        if (guilds > context.config.guildCap()) {
            throw new ProtocolViolation(
                    CloseCode.SHARDING_REQUIRED,
                    "shard " + shard + " would hold " + guilds + " guilds, over the cap of "
                            + context.config.guildCap());
        }
    }

    private ProtocolViolation logged(@Nullable IdentifyRequest request, ProtocolViolation violation) {
        log(request, "CLOSE " + violation.closeCode().code());
        return violation;
    }

    private void log(@Nullable IdentifyRequest request, String outcome) {
        ShardKey shard = request == null ? new ShardKey(-1, -1) : request.shard();
        int intents = request == null ? -1 : request.intents();
        context.log.identify(new IdentifyRecord(
                connection.id(), shard.id(), shard.count(), intents, null, outcome, context.log.now()));
    }
}
