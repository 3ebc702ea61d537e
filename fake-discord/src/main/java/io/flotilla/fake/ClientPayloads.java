package io.flotilla.fake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.wire.Intent;
import io.flotilla.fake.wire.Opcode;
import io.flotilla.fake.world.MemberRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each client payload of one connection against GATEWAY.md 13 ("on each client frame") and acts on it:
 * the size, JSON, opcode, authentication and send-rate rules, IDENTIFY and RESUME checks, and the requests an
 * authenticated session may make. Owned by its {@link GatewayConnection}; event loop only.
 */
final class ClientPayloads {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPayloads.class);
    /** Client payloads as received (opcode and size only: identify and resume carry the token). */
    private static final Logger WIRE = LoggerFactory.getLogger("io.flotilla.fake.wire.in");

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // collaborators
    private final GatewayContext context;
    private final GatewayConnection connection;
    private final SendWindow window;

    // state: set when an identify or resume was accepted on this socket
    private boolean authenticated;
    private @Nullable ShardHub hub;
    private int intents;
    /** Set when the connection's end also ends its session (a client close with 1000/1001). */
    private SessionEnd.@Nullable Cause endCause;

    ClientPayloads(GatewayContext context, GatewayConnection connection) {
        this.context = context;
        this.connection = connection;
        this.window = new SendWindow(context.clock, context.config.sendLimit(), context.config.sendWindow());
    }

    void handle(ByteBuf content) {
        try {
            judge(content);
        } catch (ProtocolViolation violation) {
            violation(violation.closeCode(), violation.reason());
        }
    }

    private void judge(ByteBuf content) throws ProtocolViolation {
        if (!window.tryAcquire()) {
            throw new ProtocolViolation(
                    CloseCode.RATE_LIMITED,
                    "more than " + context.config.sendLimit() + " payloads within "
                            + context.config.sendWindow().toSeconds() + " s");
        }
        if (content.readableBytes() > context.config.maxPayloadBytes()) {
            throw new ProtocolViolation(
                    CloseCode.DECODE_ERROR,
                    "payload of " + content.readableBytes() + " bytes is over the limit of "
                            + context.config.maxPayloadBytes());
        }
        JsonNode root;
        try {
            root = JSON.readTree(new ByteBufInputStream(content));
        } catch (IOException e) {
            throw new ProtocolViolation(
                    CloseCode.DECODE_ERROR,
                    "payload is not valid JSON: "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                    ? j.getOriginalMessage()
                                    : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolViolation(CloseCode.DECODE_ERROR, "payload is not a JSON object");
        }
        JsonNode opNode = root.path("op");
        if (!opNode.isInt()) {
            throw new ProtocolViolation(CloseCode.UNKNOWN_OPCODE, "payload has no integer op");
        }
        Opcode op = Opcode.fromClient(opNode.asInt())
                .orElseThrow(() -> new ProtocolViolation(CloseCode.UNKNOWN_OPCODE, "unknown opcode " + opNode));
        if (!authenticated && !op.allowedBeforeAuthentication()) {
            throw new ProtocolViolation(CloseCode.NOT_AUTHENTICATED, "op " + op.code() + " before identify or resume");
        }
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("connection {} sent op {} ({} bytes)", connection.id(), op, content.writerIndex());
        }
        JsonNode d = root.path("d");
        switch (op) {
            case HEARTBEAT -> heartbeat(d);
            case IDENTIFY -> new IdentifyCheck(context, connection).identify(this, d);
            case RESUME -> resume(d);
            case PRESENCE_UPDATE -> ClientRequests.presenceUpdate(d);
            case VOICE_STATE_UPDATE -> ClientRequests.voiceStateUpdate(d);
            case REQUEST_GUILD_MEMBERS -> requestMembers(d);
            case REQUEST_SOUNDBOARD_SOUNDS ->
                hub().requests().requestSoundboard(connection, ClientRequests.soundboardGuilds(d));
            case REQUEST_CHANNEL_INFO ->
                hub().requests().requestChannelInfo(connection, ClientRequests.channelInfoGuild(d));
            default -> throw new ProtocolViolation(CloseCode.UNKNOWN_OPCODE, "opcode " + op.code() + " is server-only");
        }
        if (op.isCommand()) {
            context.log.command(connection.id(), hub().key.id(), op.code(), d.toString());
        }
    }

    private void heartbeat(JsonNode d) throws ProtocolViolation {
        ClientRequests.heartbeat(d.isMissingNode() ? null : d);
        connection.heartbeatReceived();
        ShardHub current = hub;
        if (current == null || current.faults().acksEnabled()) {
            connection.control().heartbeatAck();
        }
    }

    /** Called by {@link IdentifyCheck} once the identify passed every check. */
    void identified(ShardHub shardHub, int sessionIntents) {
        authenticated = true;
        hub = shardHub;
        intents = sessionIntents;
    }

    boolean authenticated() {
        return authenticated;
    }

    private void resume(JsonNode d) throws ProtocolViolation {
        if (authenticated) {
            throw new ProtocolViolation(CloseCode.ALREADY_AUTHENTICATED, "resume on an authenticated connection");
        }
        ResumeRequest request = ResumeRequest.parse(d);
        Session session = request.token().equals(context.config.token()) ? context.session(request.sessionId()) : null;
        if (session == null) {
            // Logged before the op 9 goes out, so a client that saw it finds it in the log.
            GatewayContext.Retired known = context.retired(request.sessionId());
            context.log.sessionEnd(new SessionEnd(
                    known == null ? -1 : known.shardId(),
                    request.sessionId(),
                    known == null ? -1 : known.lastSeq(),
                    SessionEnd.Cause.RESUME_REFUSED,
                    context.log.now()));
            context.log.resume(new ResumeRecord(
                    connection.id(),
                    connection.path(),
                    request.sessionId(),
                    request.seq(),
                    -1,
                    "INVALID_SESSION",
                    0,
                    context.log.now()));
            connection.control().invalidSession(false);
            return;
        }
        identified(session.hub(), session.intents());
        session.hub().resume(connection, session, request.seq());
    }

    private void requestMembers(JsonNode d) throws ProtocolViolation {
        MemberRequest request = ClientRequests.memberRequest(d);
        boolean fullList = "".equals(request.query()) && request.limit() == 0;
        if (fullList && !Intent.GUILD_MEMBERS.in(intents)) {
            // Undocumented on real Discord (GATEWAY.md 13); the fake treats it as a malformed request.
            throw new ProtocolViolation(
                    CloseCode.UNKNOWN_OPCODE,
                    "a full member list (query \"\", limit 0) needs the GUILD_MEMBERS intent");
        }
        MemberRequest allowed = new MemberRequest(
                request.guildId(),
                request.query(),
                request.limit(),
                request.userIds(),
                request.presences() && Intent.GUILD_PRESENCES.in(intents),
                request.nonce());
        hub().requests().requestMembers(connection, allowed, fullList);
    }

    private ShardHub hub() {
        ShardHub current = hub;
        if (current == null) {
            throw new IllegalStateException("fake-discord connection " + connection.id()
                    + " is authenticated but has no shard hub; this is a bug in the fake");
        }
        return current;
    }

    void resumeRejected(boolean badSeq, String reason) {
        deauthenticated();
        if (badSeq) {
            violation(CloseCode.INVALID_SEQ, reason);
        } else {
            connection.control().invalidSession(false);
        }
    }

    void deauthenticated() {
        authenticated = false;
        hub = null;
    }

    void clientClosed(int code) {
        endCause = CloseCode.clientCloseKeepsSession(code) ? null : SessionEnd.Cause.CLIENT_CLOSED;
    }

    void connectionEnded() {
        ShardHub current = hub;
        if (current != null) {
            current.detach(connection, endCause);
            hub = null;
        }
    }

    /** The fake is about to close this connection in a way that ends its session for the client. */
    void sessionEnds(SessionEnd.Cause cause) {
        ShardHub current = hub;
        if (current != null) {
            current.sessionEnds(connection, cause);
        }
    }

    void violation(CloseCode code, String reason) {
        LOG.info("fake-discord closes connection {} with {}: {}", connection.id(), code.code(), reason);
        context.log.violation(connection.id(), code.code(), reason);
        connection.closeWith(code.code(), reason);
    }
}
