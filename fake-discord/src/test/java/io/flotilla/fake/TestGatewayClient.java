package io.flotilla.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * A raw gateway client for the tests, on java.net.http's WebSocket: sends text payloads, decodes what arrives
 * (text, zlib-stream with ONE Inflater per connection, zstd-stream with one decompression context) and queues
 * each payload as JSON. Remembers the close code it got. One per connection; the listener runs on the HTTP
 * client's thread, the test reads the queue.
 */
final class TestGatewayClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** The reason of the server's close frame ("" until one came). */
    volatile String closeReason = "";

    final AtomicInteger textFrames = new AtomicInteger();
    final AtomicInteger binaryMessages = new AtomicInteger();
    private final String compress;
    private final Inflater inflater = new Inflater();
    private final ZstdDecompressCtx zstd = new ZstdDecompressCtx();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final WebSocket socket;

    private TestGatewayClient(URI uri, String compress) {
        this.compress = compress;
        this.socket = HTTP.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(uri, new Listener())
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** Connects to {@code base + pathAndQuery}, e.g. {@code "/?v=10&encoding=json"}. */
    static TestGatewayClient connect(URI base, String pathAndQuery) {
        String compress = pathAndQuery.contains("compress=zlib-stream")
                ? "zlib"
                : pathAndQuery.contains("compress=zstd-stream") ? "zstd" : "none";
        return new TestGatewayClient(URI.create(base + pathAndQuery), compress);
    }

    static TestGatewayClient connect(FakeDiscord fake) {
        return connect(fake.gatewayUrl(), "/?v=10&encoding=json");
    }

    void send(String payload) {
        socket.sendText(payload, true)
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    void sendBinary(byte[] payload) {
        socket.sendBinary(ByteBuffer.wrap(payload), true)
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    void identify(String token, int intents, int shardId, int shardCount) {
        send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents
                + ",\"properties\":{\"os\":\"linux\",\"browser\":\"test\",\"device\":\"test\"},\"shard\":["
                + shardId + "," + shardCount + "]}}");
    }

    void resume(String token, String sessionId, long seq) {
        send("{\"op\":6,\"d\":{\"token\":\"" + token + "\",\"session_id\":\"" + sessionId + "\",\"seq\":" + seq + "}}");
    }

    void heartbeat(Long seq) {
        send("{\"op\":1,\"d\":" + seq + "}");
    }

    /** The next payload; fails after {@link #WAIT}. */
    JsonNode next() {
        try {
            JsonNode payload = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (payload == null) {
                throw new AssertionError("no payload within " + WAIT + " (close code " + closeCode.getNow(null) + ")");
            }
            return payload;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Skips payloads until one matches. */
    JsonNode await(Predicate<JsonNode> wanted) {
        while (true) {
            JsonNode payload = next();
            if (wanted.test(payload)) {
                return payload;
            }
        }
    }

    JsonNode awaitOp(int op) {
        return await(p -> p.path("op").asInt() == op);
    }

    JsonNode awaitDispatch(String type) {
        return await(p -> p.path("op").asInt() == 0 && type.equals(p.path("t").asText()));
    }

    /** The next {@code count} dispatches. */
    List<JsonNode> dispatches(int count) {
        List<JsonNode> out = new ArrayList<>();
        while (out.size() < count) {
            JsonNode payload = next();
            if (payload.path("op").asInt() == 0) {
                out.add(payload);
            }
        }
        return out;
    }

    /** The close code the server sent; fails if none came within {@link #WAIT}. */
    int awaitClose() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    void closeWith(int code) {
        socket.sendClose(code, "test")
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** Cuts TCP without a close frame. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
        inflater.end();
        zstd.close();
    }

    private void decoded(byte[] json) {
        try {
            received.add(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError("server sent invalid JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    private void binary(ByteBuffer data, boolean last) throws DataFormatException {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        pending.writeBytes(bytes);
        if (last) {
            binaryMessages.incrementAndGet();
        }
        byte[] all = pending.toByteArray();
        if (compress.equals("zlib")) {
            int n = all.length;
            if (n >= 4
                    && all[n - 4] == 0
                    && all[n - 3] == 0
                    && all[n - 2] == (byte) 0xff
                    && all[n - 1] == (byte) 0xff) {
                pending.reset();
                inflater.setInput(all);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int read;
                while ((read = inflater.inflate(chunk)) > 0) {
                    out.write(chunk, 0, read);
                }
                decoded(out.toByteArray());
            }
        } else if (compress.equals("zstd") && last) {
            pending.reset();
            ByteBuffer src = ByteBuffer.allocateDirect(all.length).put(all).flip();
            ByteBuffer dst = ByteBuffer.allocateDirect(64 * 1024);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            do {
                dst.clear();
                zstd.decompressDirectByteBufferStream(dst, src);
                dst.flip();
                byte[] piece = new byte[dst.remaining()];
                dst.get(piece);
                out.writeBytes(piece);
            } while (src.hasRemaining() || dst.limit() == dst.capacity());
            decoded(out.toByteArray());
        } else if (compress.equals("none") && last) {
            pending.reset();
            decoded(all);
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                textFrames.incrementAndGet();
                decoded(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            try {
                binary(data, last);
            } catch (DataFormatException e) {
                closeCode.completeExceptionally(e);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
