package io.flotilla.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with {@code java.net.http}'s
 * WebSocket: one page target, {@link #navigate}, {@link #evaluate} (the value of a JavaScript expression, as JSON),
 * {@link #screenshot} of the whole page. Started with a fresh profile in a temp folder and the debugging port the
 * browser picks ({@code DevToolsActivePort}); {@link #close} kills the browser and every process it spawned and
 * deletes the folder.
 *
 * <p>One test thread calls it; replies arrive on the WebSocket's thread and complete the waiting call.
 */
final class Chromium implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration CALL = Duration.ofSeconds(20);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, URI page) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(page, new Replies())
                .orTimeout(START.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** The browser binary, when installed. */
    static Optional<Path> binary() {
        return Files.isExecutable(BINARY) ? Optional.of(BINARY) : Optional.empty();
    }

    /** Starts a headless browser of {@code width x height} CSS pixels; its output goes to {@code log}. */
    static Chromium start(Path log, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("flotilla-chromium-");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(List.of(
                        binary().orElseThrow().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--hide-scrollbars",
                        "--window-size=" + width + "," + height,
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int port = port(profile.resolve("DevToolsActivePort"), process);
            return new Chromium(process, profile, pageTarget(port));
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill(process);
            deleteTree(profile);
            throw e;
        }
    }

    /** Loads {@code url} and waits until the document is complete. */
    void navigate(String url) throws InterruptedException {
        call("Page.enable", json.createObjectNode());
        call("Page.navigate", json.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + CALL.toNanos();
        while (!"complete".equals(evaluate("document.readyState").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not load within " + CALL.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** The value of a JavaScript expression in the page (returned by value: objects as JSON). */
    JsonNode evaluate(String expression) {
        JsonNode reply = call(
                "Runtime.evaluate",
                json.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (reply.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw on " + expression + ": " + reply.get("exceptionDetails"));
        }
        return reply.path("result").path("value");
    }

    /** Saves a PNG of the whole page (beyond the window when the page is longer). */
    void screenshot(Path file) throws IOException {
        JsonNode size = call("Page.getLayoutMetrics", json.createObjectNode()).path("cssContentSize");
        ObjectNode params = json.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.putObject("clip")
                .put("x", 0)
                .put("y", 0)
                .put("width", size.path("width").asDouble())
                .put("height", size.path("height").asDouble())
                .put("scale", 1);
        String data = call("Page.captureScreenshot", params).path("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        calls.put(id, reply);
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        JsonNode answer = reply.orTimeout(CALL.toSeconds(), TimeUnit.SECONDS).join();
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        kill(process);
        deleteTree(profile);
    }

    /** Collects each (possibly fragmented) message and completes the call it answers; events are ignored. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = json.readTree(text.toString());
                    CompletableFuture<JsonNode> call =
                            message.has("id") ? calls.remove(message.get("id").asInt()) : null;
                    if (call != null) {
                        call.complete(message);
                    }
                } catch (IOException e) {
                    // not JSON: not a reply to anything we sent
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    /** The port the browser wrote in its profile (first line of {@code DevToolsActivePort}). */
    private static int port(Path file, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + " at start");
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 2) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("chromium wrote no DevToolsActivePort within " + START.toSeconds() + " s");
    }

    /** The WebSocket of the browser's first page target (the about:blank it opened). */
    private static URI pageTarget(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : new ObjectMapper().readTree(list.body())) {
                if ("page".equals(target.path("type").asText())) {
                    return URI.create(target.path("webSocketDebuggerUrl").asText());
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromium listed no page target on port " + port);
    }

    /** SIGKILL to the browser and every process it spawned (renderers, zygote), then waits for them. */
    private static void kill(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle child : tree) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a child already reaped elsewhere, or stuck: the browser itself is gone
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
